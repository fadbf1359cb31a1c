package io.eyrie.commandside;

import io.eyrie.platform.web.Problems;

import java.util.List;

/** Input that only the domain can judge (a type's config, a cluster that is not linked): 400 naming each field. */
public class InvalidInputException extends RuntimeException {
    private final List<Problems.FieldError> errors;

    public InvalidInputException(List<Problems.FieldError> errors) {
        super("Invalid value for: " + String.join(", ", errors.stream().map(Problems.FieldError::field).distinct().toList()));
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new Problems.FieldError(field, message)));
    }

    public List<Problems.FieldError> errors() {
        return errors;
    }
}
