package io.eyrie.commandside.deployment;

import io.eyrie.api.book.JobId;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionAccepted;
import io.eyrie.api.deployment.ActionInput;
import io.eyrie.api.deployment.ActionPlan;
import io.eyrie.api.deployment.ChangeDeployment;
import io.eyrie.api.deployment.CreateDeployment;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.DeploymentSettings;
import io.eyrie.api.deployment.PlanAction;
import io.eyrie.api.deployment.RecordInitialRelease;
import io.eyrie.api.deployment.RemoveDeploymentRoleOverride;
import io.eyrie.api.deployment.RequestAction;
import io.eyrie.api.deployment.RequestCancel;
import io.eyrie.api.deployment.SetDeploymentRoleOverride;
import io.eyrie.api.deployment.UnpinDeployment;
import io.eyrie.api.project.ProjectId;
import io.eyrie.commandside.CommandSender;
import io.eyrie.commandside.directory.Directory;
import io.eyrie.commandside.project.ProjectController.MemberResponse;
import io.eyrie.commandside.project.ProjectController.RoleRequest;
import io.eyrie.platform.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;

/** Deployments: creation, role overrides and actions. Who may call what is in {@code CommandEndpoints}. */
@RestController
public class DeploymentController {
    private final CommandSender commands;
    private final Directory directory;
    private final DryRuns dryRuns;

    public DeploymentController(CommandSender commands, Directory directory, DryRuns dryRuns) {
        this.commands = commands;
        this.directory = directory;
        this.dryRuns = dryRuns;
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
     * Runs an action's Book job (see the action table in the README), or queues it while the deployment is busy:
     * 202 with the job's id and {@code queued}; follow it on the query service. A redeploy that would change nothing
     * answers 200 {@code {"changed": false}} and runs nothing. {@code cancel} takes {@code {"job": id}} to cancel a
     * queued job; by default it cancels the running one. 409 with {@code allowedActions} when the action is not
     * allowed now; 429 when the deployment's queue is full. With {@code ?dryRun=true}: 200 with what it would do (the
     * outcome and the rule behind it, the Book and its steps, the release and its difference from the active one,
     * the rendered manifests), and nothing is recorded.
     */
    @PostMapping("/api/deployments/{id}/actions/{action}")
    public Mono<ResponseEntity<?>> act(
            @PathVariable String id,
            @PathVariable @Pattern(regexp = ACTIONS, message = "must be one of " + ACTION_LIST) String action,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @Valid @RequestBody(required = false) ActionRequest body, Caller caller, @RequestHeader HttpHeaders headers) {
        Action parsed = Action.fromWire(action);
        DeploymentId deployment = new DeploymentId(id);
        ActionInput input = body == null ? ActionInput.NONE : body.toInput(parsed);
        if (dryRun) {
            JobId named = body == null || body.job() == null ? null : new JobId(body.job());
            return commands.<ActionPlan>request(new PlanAction(deployment, parsed, input, named), caller, headers)
                    .map(plan -> ResponseEntity.ok(new DryRunResponse(id, parsed, true, plan,
                            dryRuns.manifests(deployment, plan))));
        }
        if (parsed == Action.CANCEL) {
            JobId named = body == null || body.job() == null ? null : new JobId(body.job());
            return commands.<JobId>request(new RequestCancel(deployment, named), caller, headers)
                    .map(cancelled -> ResponseEntity.status(HttpStatus.ACCEPTED)
                            .body(new ActionAcceptedResponse(id, parsed, cancelled.value(), false, false, true)));
        }
        return commands.<ActionAccepted>request(new RequestAction(deployment, parsed, JobId.random(), input, null),
                        caller, headers)
                .map(accepted -> accepted.changed()
                        ? ResponseEntity.status(HttpStatus.ACCEPTED).body(new ActionAcceptedResponse(id, parsed,
                        accepted.jobId().value(), accepted.queued(), accepted.merged(), true))
                        : ResponseEntity.ok(new ActionAcceptedResponse(id, parsed, null, false, false, false)));
    }

    /**
     * Adopts a deployment that already runs outside Eyrie: its spec becomes release v1 and it counts as deployed,
     * with no job. Asking again answers the same release.
     */
    @PostMapping("/api/deployments/{id}/releases/initial")
    public Mono<InitialReleaseResponse> recordInitial(@PathVariable String id,
                                                      @Valid @RequestBody(required = false) InitialReleaseRequest body,
                                                      Caller caller, @RequestHeader HttpHeaders headers) {
        return commands.<Integer>request(new RecordInitialRelease(new DeploymentId(id), body == null ? null : body.notes()),
                        caller, headers)
                .map(version -> new InitialReleaseResponse(id, version));
    }

    public record InitialReleaseRequest(@jakarta.validation.constraints.Size(max = 2000) String notes) {
    }

    public record InitialReleaseResponse(String deploymentId, int release) {
    }

    /** After a rollback pinned it, lets image pushes redeploy the deployment again. */
    @DeleteMapping("/api/deployments/{id}/pin")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> unpin(@PathVariable String id, Caller caller, @RequestHeader HttpHeaders headers) {
        return commands.send(new UnpinDeployment(new DeploymentId(id)), caller, headers);
    }

    static final String ACTIONS = "initialize|deploy|redeploy|deploy-latest|rollback|restart|pause|cancel|drop";
    static final String ACTION_LIST = "initialize, deploy, redeploy, deploy-latest, rollback, restart, pause, cancel, drop";

    public record DeploymentCreatedResponse(String id, String project, String group, String name) {
    }

    public record DeploymentChangedResponse(String id) {
    }

    /** What the action would do, and the manifests its job would apply; nothing was recorded. */
    public record DryRunResponse(String deploymentId, Action action, boolean dryRun,
                                 @com.fasterxml.jackson.annotation.JsonUnwrapped ActionPlan plan,
                                 List<DryRuns.RenderedStep> manifests) {
    }

    /**
     * {@code queued}: it waits behind the running job; {@code merged}: into an identical waiting request of the same
     * user, whose job it names; {@code changed} false: a redeploy found nothing to do and made no job.
     */
    public record ActionAcceptedResponse(String deploymentId, Action action, String jobId, boolean queued,
                                         boolean merged, boolean changed) {
    }
}
