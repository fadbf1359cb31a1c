package io.eyrie.commandside;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matchers for the refusals fixture tests expect. */
public final class Refusals {
    private Refusals() {
    }

    /** Input refused with 400, naming {@code field}. */
    public static Matcher<Object> invalid(String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof InvalidInputException invalid
                        && invalid.errors().stream().anyMatch(error -> error.field().equals(field));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("invalid input naming ").appendValue(field);
            }
        };
    }
}
