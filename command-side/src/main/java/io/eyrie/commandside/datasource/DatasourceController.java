package io.eyrie.commandside.datasource;

import io.eyrie.api.datasource.ChangeDatasource;
import io.eyrie.api.datasource.DataType;
import io.eyrie.api.datasource.DatasourceId;
import io.eyrie.api.datasource.DatasourceUsage;
import io.eyrie.api.datasource.RegisterDatasource;
import io.eyrie.api.datasource.RemoveDatasource;
import io.eyrie.api.project.ProjectId;
import io.eyrie.commandside.CommandSender;
import io.eyrie.commandside.InvalidInputException;
import io.eyrie.commandside.Validation;
import io.eyrie.platform.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A project's datasources. Who may call what is in {@code CommandEndpoints}. */
@RestController
public class DatasourceController {
    private final CommandSender commands;

    public DatasourceController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping("/api/projects/{slug}/datasources")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<DatasourceResponse> register(@PathVariable String slug, @Valid @RequestBody DatasourceRequest request,
                                             Caller caller, @RequestHeader HttpHeaders headers) {
        requireNoPassword(request.endpoint());
        DatasourceId id = DatasourceId.random();
        return commands.send(new RegisterDatasource(id, new ProjectId(slug), request.name(), request.dataType(),
                        request.usage(), request.endpoint(), request.credentialsRef()), caller, headers)
                .thenReturn(new DatasourceResponse(id.value(), slug, request.name()));
    }

    @PatchMapping("/api/datasources/{id}")
    public Mono<DatasourceChangedResponse> change(@PathVariable String id,
                                                  @Valid @RequestBody ChangeDatasourceRequest request, Caller caller,
                                                  @RequestHeader HttpHeaders headers) {
        requireNoPassword(request.endpoint());
        return commands.send(new ChangeDatasource(new DatasourceId(id), request.endpoint(), request.credentialsRef()),
                        caller, headers)
                .thenReturn(new DatasourceChangedResponse(id));
    }

    /** Refused while a scope backs up to it. */
    @DeleteMapping("/api/datasources/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> remove(@PathVariable String id, Caller caller, @RequestHeader HttpHeaders headers) {
        return commands.send(new RemoveDatasource(new DatasourceId(id)), caller, headers);
    }

    /** A password in the endpoint would end up in events; it belongs in credentialsRef. */
    private static void requireNoPassword(String endpoint) {
        Validation.requireNoSecretIn("endpoint", endpoint, true);
    }

    public record DatasourceRequest(
            @NotBlank @Pattern(regexp = Validation.DNS_LABEL, message = Validation.DNS_LABEL_MESSAGE) String name,
            @NotNull DataType dataType,
            @NotNull DatasourceUsage usage,
            @NotBlank @Pattern(regexp = Validation.ENDPOINT, message = Validation.ENDPOINT_MESSAGE) String endpoint,
            @NotBlank @Pattern(regexp = Validation.SECRET_REF, message = Validation.SECRET_REF_MESSAGE) String credentialsRef) {
    }

    public record ChangeDatasourceRequest(
            @Size(max = 510) @Pattern(regexp = Validation.ENDPOINT, message = Validation.ENDPOINT_MESSAGE) String endpoint,
            @Pattern(regexp = Validation.SECRET_REF, message = Validation.SECRET_REF_MESSAGE) String credentialsRef) {
    }

    public record DatasourceResponse(String id, String project, String name) {
    }

    public record DatasourceChangedResponse(String id) {
    }
}
