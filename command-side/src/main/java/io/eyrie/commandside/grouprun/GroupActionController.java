package io.eyrie.commandside.grouprun;

import io.eyrie.api.book.JobId;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionInput;
import io.eyrie.api.grouprun.GroupMember;
import io.eyrie.api.grouprun.GroupRunId;
import io.eyrie.api.grouprun.StartGroupAction;
import io.eyrie.api.project.GroupId;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectId;
import io.eyrie.api.project.Strategy;
import io.eyrie.commandside.CommandSender;
import io.eyrie.commandside.InvalidInputException;
import io.eyrie.commandside.Validation;
import io.eyrie.commandside.directory.Directory;
import io.eyrie.platform.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Group actions: an action on all of a group's living deployments, or the ones named, in pipeline stages. The
 * databases (pgo, pxc) are stage 0 and everything else stage 1, unless the request sets a deployment's stage.
 * Each deployment needs the caller to hold its scope's roleToAct, checked before anything starts.
 */
@RestController
public class GroupActionController {
    private static final String ACTIONS = "initialize|deploy|redeploy|deploy-latest|restart|pause|drop";

    private final CommandSender commands;
    private final Directory directory;

    public GroupActionController(CommandSender commands, Directory directory) {
        this.commands = commands;
        this.directory = directory;
    }

    public record GroupActionRequest(@Size(max = 200) List<@NotNull @Pattern(regexp = Validation.DNS_LABEL,
            message = Validation.DNS_LABEL_MESSAGE) String> deployments,
                                     @Size(max = 200) Map<@Pattern(regexp = Validation.DNS_LABEL,
                                             message = Validation.DNS_LABEL_MESSAGE) String, @NotNull @Min(0) @Max(99) Integer> stages,
                                     Strategy strategy, @Size(max = 2000) String notes) {
    }

    public record Stage(int stage, List<String> deployments) {
    }

    public record GroupActionResponse(String runId, String project, String group, Action action, List<Stage> stages) {
    }

    /** 202 with the run's stages, in the order they will run; 400 naming a deployment the group does not have. */
    @PostMapping("/api/projects/{slug}/groups/{group}/actions/{action}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Mono<GroupActionResponse> act(@PathVariable String slug, @PathVariable String group,
                                         @PathVariable @Pattern(regexp = ACTIONS, message = "must be one of "
                                                 + "initialize, deploy, redeploy, deploy-latest, restart, pause, drop")
                                         String action,
                                         @Valid @RequestBody(required = false) GroupActionRequest body, Caller caller,
                                         @RequestHeader HttpHeaders headers) {
        Action parsed = Action.fromWire(action);
        GroupActionRequest request = body == null ? new GroupActionRequest(null, null, null, null) : body;
        if (request.strategy() != null && !parsed.recordsRelease()) {
            throw new InvalidInputException("strategy", "is taken by the deploy actions only");
        }
        ProjectId project = new ProjectId(slug);
        GroupRunId run = GroupRunId.random();
        return directory.blocking(() -> members(project, group, request, caller))
                .flatMap(members -> commands.send(new StartGroupAction(run, project, members.group(), group, parsed,
                                new ActionInput(null, null, null, null, request.strategy(), null, request.notes(), null),
                                members.members()), caller, headers)
                        .thenReturn(new GroupActionResponse(run.value(), slug, group, parsed, stages(members.members()))));
    }

    private record Members(GroupId group, List<GroupMember> members) {
    }

    private Members members(ProjectId project, String groupName, GroupActionRequest request, Caller caller) {
        GroupId group = directory.requireGroup(project, groupName);
        GroupType type = directory.groupSettings(group).type();
        List<Directory.GroupDeployment> living = directory.groupDeployments(group);
        Set<String> wanted = request.deployments() == null ? null : new LinkedHashSet<>(request.deployments());
        List<String> unknown = new ArrayList<>();
        if (wanted != null) {
            wanted.stream().filter(name -> living.stream().noneMatch(d -> d.name().equals(name))).forEach(unknown::add);
        }
        if (request.stages() != null) {
            request.stages().keySet().stream().filter(name -> living.stream().noneMatch(d -> d.name().equals(name)))
                    .forEach(unknown::add);
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("deployments", "group '" + groupName + "' has no living deployment "
                    + String.join(", ", unknown));
        }
        int byType = type.equals(GroupType.PGO) || type.equals(GroupType.PXC) ? 0 : 1;
        List<GroupMember> members = new ArrayList<>();
        for (Directory.GroupDeployment deployment : living) {
            if (wanted != null && !wanted.contains(deployment.name())) {
                continue;
            }
            var scope = directory.scope(group, deployment.scope()).orElseThrow();
            directory.requireRoleToAct(project, group, deployment.id(), scope.name(), scope.roleToAct(),
                    caller.user(), caller.platformAdmin(), "to run actions on deployment " + deployment.name());
            int stage = request.stages() != null && request.stages().containsKey(deployment.name())
                    ? request.stages().get(deployment.name()) : byType;
            members.add(new GroupMember(deployment.id(), deployment.name(), stage, JobId.random()));
        }
        return new Members(group, members);
    }

    private static List<Stage> stages(List<GroupMember> members) {
        Map<Integer, List<String>> byStage = new TreeMap<>();
        members.forEach(member -> byStage.computeIfAbsent(member.stage(), stage -> new ArrayList<>()).add(member.name()));
        return byStage.entrySet().stream().map(entry -> new Stage(entry.getKey(), entry.getValue())).toList();
    }
}
