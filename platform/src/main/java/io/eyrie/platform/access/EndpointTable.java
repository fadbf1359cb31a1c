package io.eyrie.platform.access;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service's authorization table: every {@code /api} route it serves, with who may call it. The access filter
 * refuses any {@code /api} request that matches no row, so a route missing here cannot be reached, and the matrix
 * test and the README are generated from the same rows.
 */
public final class EndpointTable {
    private final String service;
    private final List<Endpoint> endpoints;
    private final List<Row> rows;

    public EndpointTable(String service, List<Endpoint> endpoints) {
        this.service = service;
        this.endpoints = List.copyOf(endpoints);
        this.rows = endpoints.stream()
                .map(endpoint -> new Row(endpoint, endpoint.pattern()))
                .sorted(Comparator.comparing(Row::pattern, PathPattern.SPECIFICITY_COMPARATOR))
                .toList();
    }

    public String service() {
        return service;
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** The row for this request, with its path variables. */
    public Optional<Match> match(HttpMethod method, PathContainer path) {
        for (Row row : rows) {
            if (row.endpoint().method().equals(method)) {
                PathPattern.PathMatchInfo info = row.pattern().matchAndExtract(path);
                if (info != null) {
                    return Optional.of(new Match(row.endpoint(), info.getUriVariables()));
                }
            }
        }
        return Optional.empty();
    }

    public record Match(Endpoint endpoint, Map<String, String> variables) {
    }

    private record Row(Endpoint endpoint, PathPattern pattern) {
    }
}
