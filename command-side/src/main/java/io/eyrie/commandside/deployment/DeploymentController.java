package io.eyrie.commandside.deployment;

import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.CreateDeployment;
import io.eyrie.api.deployment.RequestAction;
import io.eyrie.commandside.CommandSender;
import io.eyrie.commandside.Validation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.UUID;

@RestController
public class DeploymentController {
    private final CommandSender commands;

    public DeploymentController(CommandSender commands) {
        this.commands = commands;
    }

    /** Creates a deployment in state draft. 404 if the project or group does not exist, 409 if the name is taken. */
    @PostMapping("/api/projects/{slug}/groups/{group}/deployments")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<DeploymentCreatedResponse> create(
            @PathVariable @Pattern(regexp = Validation.DNS_LABEL, message = Validation.DNS_LABEL_MESSAGE) String slug,
            @PathVariable @Pattern(regexp = Validation.DNS_LABEL, message = Validation.DNS_LABEL_MESSAGE) String group,
            @Valid @RequestBody CreateDeploymentRequest request,
            @RequestHeader HttpHeaders headers) {
        String id = UUID.randomUUID().toString();
        return commands.send(new CreateDeployment(id, slug, group, request.name(), request.scope(), request.image()), headers)
                .thenReturn(new DeploymentCreatedResponse(id, slug, group, request.name(), request.scope(), request.image()));
    }

    /**
     * Starts a lifecycle action (initialize, deploy, pause or drop) by running its Book job. 202 with the job's id;
     * follow it on the query service. 409 with {@code allowedActions} when the action is not allowed now.
     */
    @PostMapping("/api/deployments/{id}/actions/{action}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Mono<ActionAcceptedResponse> act(
            @PathVariable @Pattern(regexp = Validation.ID, message = Validation.ID_MESSAGE) String id,
            @PathVariable @Pattern(regexp = "initialize|deploy|pause|drop", message = "must be one of initialize, deploy, pause, drop") String action,
            @RequestHeader HttpHeaders headers) {
        Action parsed = Action.fromWire(action);
        String jobId = UUID.randomUUID().toString();
        return commands.send(new RequestAction(id, parsed, jobId), headers)
                .thenReturn(new ActionAcceptedResponse(id, parsed, jobId));
    }

    public record CreateDeploymentRequest(
            @NotBlank @Pattern(regexp = Validation.DNS_LABEL, message = Validation.DNS_LABEL_MESSAGE) String name,
            @NotBlank @Pattern(regexp = Validation.SCOPE, message = Validation.SCOPE_MESSAGE) String scope,
            @NotBlank @Pattern(regexp = Validation.IMAGE, message = Validation.IMAGE_MESSAGE) String image) {
    }

    public record DeploymentCreatedResponse(String id, String project, String group, String name, String scope,
                                            String image) {
    }

    public record ActionAcceptedResponse(String deploymentId, Action action, String jobId) {
    }
}
