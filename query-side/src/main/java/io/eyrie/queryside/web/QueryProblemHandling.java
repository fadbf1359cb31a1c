package io.eyrie.queryside.web;

import io.eyrie.platform.web.Problems;
import io.eyrie.queryside.QuerySideApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

import java.util.List;

/**
 * The query API's own problems. It runs before the platform's catch-all handler, which would answer an invalid
 * path variable with a 400 that does not say which one.
 */
@RestControllerAdvice(basePackageClasses = QuerySideApplication.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class QueryProblemHandling {

    @ExceptionHandler(InvalidParameterException.class)
    public ResponseEntity<ProblemDetail> invalidPage(InvalidParameterException ex) {
        return ResponseEntity.badRequest().body(Problems.invalidInput(ex.getMessage(), ex.errors()));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    public ResponseEntity<ProblemDetail> invalidParameter(HandlerMethodValidationException ex) {
        List<Problems.FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new Problems.FieldError(result.getMethodParameter().getParameterName(),
                                error.getDefaultMessage())))
                .toList();
        String fields = String.join(", ", errors.stream().map(Problems.FieldError::field).distinct().toList());
        return ResponseEntity.badRequest().body(Problems.invalidInput("Invalid value for: " + fields, errors));
    }
}
