package io.eyrie.platform.access;

import io.eyrie.api.book.BookId;
import io.eyrie.api.id.Ids;
import io.eyrie.platform.security.Caller;
import io.eyrie.platform.web.Problems;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Every path variable of the API has one shape, checked before anything is looked up. */
final class PathVariables {
    private static final Pattern SLUG = Pattern.compile(Ids.SLUG);
    private static final Pattern UUID = Pattern.compile(Ids.UUID_PATTERN);
    private static final Pattern USER = Pattern.compile(Caller.USER_PATTERN);
    private static final Pattern BOOK = Pattern.compile(BookId.NAME);
    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,8}");
    private static final Pattern WORD = Pattern.compile("[a-z][a-z-]{0,39}");

    private PathVariables() {
    }

    static List<Problems.FieldError> check(Map<String, String> variables) {
        List<Problems.FieldError> errors = new ArrayList<>();
        variables.forEach((name, value) -> {
            String problem = switch (name) {
                case "slug", "group", "scope", "cluster" -> SLUG.matcher(value).matches() ? null : Ids.SLUG_MESSAGE;
                case "id" -> UUID.matcher(value).matches() ? null : Ids.UUID_MESSAGE;
                case "user" -> USER.matcher(value).matches() ? null : Caller.USER_MESSAGE;
                case "book" -> BOOK.matcher(value).matches() ? null : BookId.NAME_MESSAGE;
                case "version" -> NUMBER.matcher(value).matches() ? null : "must be a release number, 1 or more";
                case "action", "name", "processor" -> WORD.matcher(value).matches() ? null
                        : "must be 1-40 lowercase letters or '-', starting with a letter";
                default -> null;
            };
            if (problem != null) {
                errors.add(new Problems.FieldError(name, problem));
            }
        });
        return errors;
    }
}
