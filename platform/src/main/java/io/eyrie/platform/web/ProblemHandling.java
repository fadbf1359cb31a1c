package io.eyrie.platform.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Bad input becomes a 400 problem+json that names the field, in every service. Services add their own advice
 * for domain refusals; this one runs last.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemHandling extends ResponseEntityExceptionHandler {

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
                                                                         HttpHeaders headers, HttpStatusCode status,
                                                                         ServerWebExchange exchange) {
        List<Problems.FieldError> errors = ex.getFieldErrors().stream()
                .map(error -> new Problems.FieldError(error.getField(), error.getDefaultMessage()))
                .toList();
        return Mono.just(ResponseEntity.badRequest().body(Problems.invalidInput("Invalid value for: " + fieldNames(errors), errors)));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
                                                                        HttpHeaders headers, HttpStatusCode status,
                                                                        ServerWebExchange exchange) {
        String field = ex.getMethodParameter() != null && ex.getMethodParameter().getParameterName() != null
                ? ex.getMethodParameter().getParameterName() : "body";
        String reason = ex.getCause() instanceof DecodingException decoding
                ? "request body is not valid JSON for this endpoint: " + rootMessage(decoding)
                : ex.getReason();
        return Mono.just(ResponseEntity.badRequest()
                .body(Problems.invalidInput(reason, List.of(new Problems.FieldError(field, reason)))));
    }

    /** Path variables and bodies checked by method validation: each error names its parameter or body field. */
    @Override
    protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                                HttpHeaders headers, HttpStatusCode status,
                                                                                ServerWebExchange exchange) {
        List<Problems.FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result instanceof ParameterErrors body
                        ? body.getFieldErrors().stream()
                                .map(error -> new Problems.FieldError(error.getField(), error.getDefaultMessage()))
                        : result.getResolvableErrors().stream()
                                .map(error -> new Problems.FieldError(result.getMethodParameter().getParameterName(),
                                        error.getDefaultMessage())))
                .toList();
        return Mono.just(ResponseEntity.badRequest().body(Problems.invalidInput("Invalid value for: " + fieldNames(errors), errors)));
    }

    @ExceptionHandler(NotFoundException.class)
    public ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage()));
    }

    @ExceptionHandler(ForbiddenException.class)
    public ResponseEntity<ProblemDetail> forbidden(ForbiddenException ex) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", ex.getMessage()));
    }

    @ExceptionHandler(RequestAudit.InvalidHeaderException.class)
    public ResponseEntity<ProblemDetail> invalidHeader(RequestAudit.InvalidHeaderException ex) {
        return ResponseEntity.badRequest()
                .body(Problems.invalidInput(ex.getMessage(), List.of(new Problems.FieldError(ex.header(), ex.getMessage()))));
    }

    private static String fieldNames(List<Problems.FieldError> errors) {
        return String.join(", ", errors.stream().map(Problems.FieldError::field).distinct().toList());
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        // Jackson appends the raw source location; the first line says what and where.
        return message.lines().findFirst().orElse(message);
    }
}
