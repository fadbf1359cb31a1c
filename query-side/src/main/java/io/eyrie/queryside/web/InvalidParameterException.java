package io.eyrie.queryside.web;

import io.eyrie.platform.web.Problems;

import java.util.List;
import java.util.function.Function;

/** A bad query parameter ({@code cursor}, {@code limit}, a filter): answered with 400 naming it. */
public final class InvalidParameterException extends RuntimeException {
    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(parameter + " " + message);
        this.parameter = parameter;
    }

    public List<Problems.FieldError> errors() {
        return List.of(new Problems.FieldError(parameter, getMessage()));
    }

    /** Null stays null; a value the parser refuses is a 400 saying what it must be. */
    public static <T> T parse(String parameter, String value, Function<String, T> parser) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(parameter, e.getMessage());
        }
    }
}
