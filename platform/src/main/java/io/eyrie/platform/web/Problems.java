package io.eyrie.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Builds RFC 9457 problem documents with Eyrie's type URIs, so clients can switch on {@code type}. */
public final class Problems {
    private static final String TYPE_BASE = "https://eyrie.dev/problems/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    /** A 400 naming each field that was wrong. */
    public static ProblemDetail invalidInput(String detail, List<FieldError> errors) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", detail);
        problem.setProperty("errors", errors.stream().map(FieldError::asMap).toList());
        return problem;
    }

    public record FieldError(String field, String message) {
        public Map<String, String> asMap() {
            return Map.of("field", field, "message", message);
        }
    }
}
