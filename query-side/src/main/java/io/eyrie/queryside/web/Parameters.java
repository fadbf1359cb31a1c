package io.eyrie.queryside.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Query parameters every read parses alike; a bad value is a 400 naming the parameter. */
public final class Parameters {
    private Parameters() {
    }

    /** An ISO-8601 instant, or null when the parameter was not given. */
    public static Instant instant(String parameter, String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(parameter, "must be an ISO-8601 instant such as 2026-12-01T10:00:00Z");
        }
    }
}
