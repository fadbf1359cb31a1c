package io.eyrie.commandside.deployment;

import io.eyrie.api.book.JobId;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ChangeDeployment;
import io.eyrie.api.deployment.CreateDeployment;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.DeploymentSettings;
import io.eyrie.api.deployment.RemoveDeploymentRoleOverride;
import io.eyrie.api.deployment.RequestAction;
import io.eyrie.api.deployment.RequestCancel;
import io.eyrie.api.deployment.SetDeploymentRoleOverride;
import io.eyrie.api.id.Ids;
import io.eyrie.api.project.ProjectId;
import io.eyrie.commandside.CommandSender;
import io.eyrie.commandside.InvalidInputException;
import io.eyrie.commandside.directory.Directory;
import io.eyrie.commandside.project.ProjectController.MemberResponse;
import io.eyrie.commandside.project.ProjectController.RoleRequest;
import io.eyrie.platform.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Deployments: creation, role overrides and actions. Who may call what is in {@code CommandEndpoints}. */
@RestController
public class DeploymentController {
    private final CommandSender commands;
    private final Directory directory;

    public DeploymentController(CommandSender commands, Directory directory) {
        this.commands = commands;
        this.directory = directory;
    }

    /** Creates a deployment in state draft. 404 if the project or group does not exist, 409 if the name is taken. */
    @PostMapping("/api/projects/{slug}/groups/{group}/deployments")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<DeploymentCreatedResponse> create(@PathVariable String slug, @PathVariable String group,
                                                  @Valid @RequestBody DeploymentRequest request, Caller caller,
                                                  @RequestHeader HttpHeaders headers) {
        DeploymentId id = DeploymentId.random();
        DeploymentSettings settings = request.toNewSettings();
        return directory.blocking(() -> directory.requireGroup(new ProjectId(slug), group))
                .flatMap(groupId -> commands.send(new CreateDeployment(groupId, id, request.name(), settings),
                        caller, headers))
                .thenReturn(new DeploymentCreatedResponse(id.value(), slug, group, request.name()));
    }

    /** Changes any of its fields but the name; each change that differs records a new version. */
    @PatchMapping("/api/deployments/{id}")
    public Mono<DeploymentChangedResponse> change(@PathVariable String id, @Valid @RequestBody DeploymentRequest request,
                                                  Caller caller, @RequestHeader HttpHeaders headers) {
        return commands.send(new ChangeDeployment(new DeploymentId(id), request.toSettings()), caller, headers)
                .thenReturn(new DeploymentChangedResponse(id));
    }

    /** Gives a project member another role on this deployment; never the owner. */
    @PutMapping("/api/deployments/{id}/members/{user}")
    public Mono<MemberResponse> override(@PathVariable String id, @PathVariable String user,
                                         @Valid @RequestBody RoleRequest request, Caller caller,
                                         @RequestHeader HttpHeaders headers) {
        DeploymentId deployment = new DeploymentId(id);
        return directory.blocking(() -> {
                    ProjectId project = directory.projectOf(deployment).orElseThrow();
                    directory.requireOverridable(project, user);
                    return project;
                })
                .flatMap(project -> commands.send(new SetDeploymentRoleOverride(deployment, user, request.role()),
                                caller, headers)
                        .thenReturn(new MemberResponse(project.value(), user, request.role())));
    }

    @DeleteMapping("/api/deployments/{id}/members/{user}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> removeOverride(@PathVariable String id, @PathVariable String user, Caller caller,
                                     @RequestHeader HttpHeaders headers) {
        return commands.send(new RemoveDeploymentRoleOverride(new DeploymentId(id), user), caller, headers);
    }

    /**
     * Starts a lifecycle action (initialize, deploy, pause or drop) by running its Book job, or cancels the running
     * job ({@code cancel}, optionally naming it in {@code {"job": id}}). 202 with the job's id; follow it on the query
     * service. 409 with {@code allowedActions} when the action is not allowed now.
     */
    @PostMapping("/api/deployments/{id}/actions/{action}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Mono<ActionAcceptedResponse> act(
            @PathVariable String id,
            @PathVariable @Pattern(regexp = "initialize|deploy|pause|drop|cancel",
                    message = "must be one of initialize, deploy, pause, drop, cancel") String action,
            @Valid @RequestBody(required = false) ActionRequest body, Caller caller, @RequestHeader HttpHeaders headers) {
        Action parsed = Action.fromWire(action);
        DeploymentId deployment = new DeploymentId(id);
        if (parsed == Action.CANCEL) {
            JobId named = body == null || body.job() == null ? null : new JobId(body.job());
            return commands.<JobId>request(new RequestCancel(deployment, named), caller, headers)
                    .map(cancelled -> new ActionAcceptedResponse(id, parsed, cancelled.value()));
        }
        if (body != null && body.job() != null) {
            throw new InvalidInputException("job", "is only taken by cancel");
        }
        JobId jobId = JobId.random();
        return commands.send(new RequestAction(deployment, parsed, jobId), caller, headers)
                .thenReturn(new ActionAcceptedResponse(id, parsed, jobId.value()));
    }

    /** The optional body of an action. */
    public record ActionRequest(@Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String job) {
    }

    public record DeploymentCreatedResponse(String id, String project, String group, String name) {
    }

    public record DeploymentChangedResponse(String id) {
    }

    public record ActionAcceptedResponse(String deploymentId, Action action, String jobId) {
    }
}
