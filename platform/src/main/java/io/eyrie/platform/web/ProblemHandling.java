package io.eyrie.platform.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
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
import java.util.Optional;

/**
 * Bad input becomes a 400 problem+json that names the field, in every service. Services add their own advice
 * for domain refusals; this one runs last.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemHandling extends ResponseEntityExceptionHandler {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProblemHandling.class);

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
        Optional<JacksonException> json = jacksonCause(ex);
        if (json.isPresent() && !json.get().getPath().isEmpty()) {
            String field = path(json.get());
            String reason = json.get() instanceof UnrecognizedPropertyException
                    ? "is not a field of this request" : "has the wrong type or value: " + firstLine(json.get().getOriginalMessage());
            return Mono.just(ResponseEntity.badRequest()
                    .body(Problems.invalidInput("Invalid value for: " + field, List.of(new Problems.FieldError(field, reason)))));
        }
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

    /**
     * Spring's own refusals (an unsupported method or media type, a body too large, an unknown path) come as
     * problems of type about:blank; they get Eyrie's types, so clients can switch on {@code type} for every answer.
     */
    @Override
    protected Mono<ResponseEntity<Object>> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                                ServerWebExchange exchange) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            String type = switch (status.value()) {
                case 400 -> "invalid-input";
                case 404 -> "not-found";
                case 405 -> "method-not-allowed";
                case 406 -> "not-acceptable";
                case 413 -> "too-large";
                case 415 -> "unsupported-media-type";
                default -> status.is4xxClientError() ? "bad-request" : "server-error";
            };
            problem.setType(java.net.URI.create("https://eyrie.dev/problems/" + type));
        }
        return super.createResponseEntity(body, headers, status, exchange);
    }

    /** Anything no handler above expected: logged with its stack, answered as a problem without internals. */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception ex, ServerWebExchange exchange) {
        String reference = java.util.UUID.randomUUID().toString();
        log.error("Unexpected failure of {} {} (reference {})", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), reference, ex);
        ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "server-error", "Server error",
                "The request failed on the server; nothing is known to have changed. Reference: " + reference);
        problem.setProperty("reference", reference);
        return ResponseEntity.internalServerError().body(problem);
    }

    @ExceptionHandler(NotFoundException.class)
    public ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage()));
    }

    @ExceptionHandler(UnavailableException.class)
    public ResponseEntity<ProblemDetail> unavailable(UnavailableException ex, ServerWebExchange exchange) {
        log.error("{} {} could not be served: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                ex.getMessage(), ex.getCause());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "5")
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable",
                        ex.getMessage() + "; nothing was done. Try again shortly."));
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

    private static Optional<JacksonException> jacksonCause(Throwable error) {
        return findCause(error, JacksonException.class);
    }

    private static <T extends Throwable> Optional<T> findCause(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    /** {@code services[0].env[1].name}, as the field errors of bean validation name it. */
    private static String path(JacksonException error) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : error.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse(message);
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
