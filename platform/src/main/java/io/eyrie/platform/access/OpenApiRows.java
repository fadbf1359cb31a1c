package io.eyrie.platform.access;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

/**
 * Documents each operation from its row of the authorization table: the row's summary, who may call it, and the
 * 401, 403 and 404 it answers before anything runs. The table stays the one place these are written.
 */
final class OpenApiRows implements OpenApiCustomizer {
    private final EndpointTable table;

    OpenApiRows(EndpointTable table) {
        this.table = table;
    }

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                table.match(HttpMethod.valueOf(method.name()), PathContainer.parsePath(sample(path)))
                        .ifPresent(match -> document(operation, match.endpoint()))));
    }

    private static void document(Operation operation, Endpoint endpoint) {
        operation.setSummary(Character.toUpperCase(endpoint.summary().charAt(0)) + endpoint.summary().substring(1));
        operation.setDescription("Who may: " + endpoint.need().label() + ".");
        operation.getResponses().addApiResponse("401", new ApiResponse().description("No valid bearer token"));
        if (endpoint.need() != Need.AUTHENTICATED) {
            operation.getResponses().addApiResponse("403", new ApiResponse().description("The caller's role is too low"));
        }
        if (endpoint.target() != Target.NONE) {
            operation.getResponses().addApiResponse("404",
                    new ApiResponse().description("No such " + endpoint.target().noun() + ", or one the caller cannot see"));
        }
    }

    /** A concrete path for a documented template, so that the table's own patterns match it. */
    private static String sample(String template) {
        return template.replaceAll("\\{[^}]+}", "x");
    }
}
