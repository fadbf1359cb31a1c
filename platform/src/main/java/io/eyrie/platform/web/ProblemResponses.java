package io.eyrie.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a problem+json answer from a web filter, where no controller advice runs. */
public final class ProblemResponses {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPE_BASE = "https://eyrie.dev/problems/";

    private ProblemResponses() {
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String title,
                                   String detail) {
        return write(exchange, status, type, title, detail, Map.of());
    }

    public static Mono<Void> invalidInput(ServerWebExchange exchange, String detail, List<Problems.FieldError> errors) {
        return write(exchange, HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", detail,
                Map.of("errors", errors.stream().map(Problems.FieldError::asMap).toList()));
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String title,
                                   String detail, Map<String, Object> properties) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + type);
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", exchange.getRequest().getPath().value());
        body.putAll(properties);
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            return Mono.error(e);
        }
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }
}
