package io.eyrie.commandside.cluster;

import io.eyrie.api.WireEnum;
import io.eyrie.api.cluster.ActOnCluster;
import io.eyrie.api.cluster.ChangeCluster;
import io.eyrie.api.cluster.ClusterAction;
import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.cluster.ClusterSlugs;
import io.eyrie.api.cluster.RegisterCluster;
import io.eyrie.commandside.CommandSender;
import io.eyrie.commandside.InvalidInputException;
import io.eyrie.platform.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.UUID;

/** Platform-wide clusters, managed by platform admins (see {@code CommandEndpoints}). */
@RestController
public class ClusterController {
    private final CommandSender commands;

    public ClusterController(CommandSender commands) {
        this.commands = commands;
    }

    /** Registers a cluster in state draft; its slug is derived from its name. 409 if the slug is taken. */
    @PostMapping("/api/clusters")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ClusterResponse> register(@Valid @RequestBody RegisterClusterRequest request, Caller caller,
                                          @RequestHeader HttpHeaders headers) {
        String slug = ClusterSlugs.of(request.name());
        if (slug.isEmpty()) {
            throw new InvalidInputException("name", "must contain a letter or a digit to make a slug of");
        }
        String uid = UUID.randomUUID().toString();
        return commands.send(new RegisterCluster(new ClusterId(slug), uid, request.name(), request.apiServer(),
                        request.credentialsRef()), caller, headers)
                .thenReturn(new ClusterResponse(slug, uid, request.name(), "draft"));
    }

    @PatchMapping("/api/clusters/{cluster}")
    public Mono<ClusterChangedResponse> change(@PathVariable String cluster,
                                               @Valid @RequestBody ChangeClusterRequest request, Caller caller,
                                               @RequestHeader HttpHeaders headers) {
        return commands.send(new ChangeCluster(new ClusterId(cluster), request.apiServer(), request.credentialsRef()),
                        caller, headers)
                .thenReturn(new ClusterChangedResponse(cluster));
    }

    /** init, activate, transition, cancel or delete; 409 with the allowed actions when the state refuses it. */
    @PostMapping("/api/clusters/{cluster}/actions/{action}")
    public Mono<ClusterActionResponse> act(@PathVariable String cluster, @PathVariable String action, Caller caller,
                                           @RequestHeader HttpHeaders headers) {
        ClusterAction parsed;
        try {
            parsed = ClusterAction.fromWire(action);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("action", "must be one of " + WireEnum.choices(ClusterAction.class));
        }
        return commands.send(new ActOnCluster(new ClusterId(cluster), parsed), caller, headers)
                .thenReturn(new ClusterActionResponse(cluster, parsed, parsed.target().wire()));
    }

    public record RegisterClusterRequest(
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Pattern(regexp = ClusterReferences.API_SERVER, message = ClusterReferences.API_SERVER_MESSAGE) String apiServer,
            @NotBlank @Pattern(regexp = ClusterReferences.CREDENTIALS, message = ClusterReferences.CREDENTIALS_MESSAGE) String credentialsRef) {
    }

    public record ChangeClusterRequest(
            @Pattern(regexp = ClusterReferences.API_SERVER, message = ClusterReferences.API_SERVER_MESSAGE) String apiServer,
            @Pattern(regexp = ClusterReferences.CREDENTIALS, message = ClusterReferences.CREDENTIALS_MESSAGE) String credentialsRef) {
    }

    public record ClusterResponse(String slug, String uid, String name, String state) {
    }

    public record ClusterChangedResponse(String slug) {
    }

    public record ClusterActionResponse(String slug, ClusterAction action, String state) {
    }
}
