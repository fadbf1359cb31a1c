package io.eyrie.commandside.project;

import io.eyrie.api.project.ArchiveProject;
import io.eyrie.api.project.ChangeDeploymentGroup;
import io.eyrie.api.project.CreateDeploymentGroup;
import io.eyrie.api.project.CreateProject;
import io.eyrie.api.project.DefineScope;
import io.eyrie.api.project.DeleteDeploymentGroup;
import io.eyrie.api.project.GroupDefaults;
import io.eyrie.api.project.GroupId;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectId;
import io.eyrie.api.project.RemoveGroupRoleOverride;
import io.eyrie.api.project.RemoveProjectMember;
import io.eyrie.api.project.RemoveScope;
import io.eyrie.api.project.RenameProject;
import io.eyrie.api.project.Role;
import io.eyrie.api.project.Scope;
import io.eyrie.api.project.SetGroupRoleOverride;
import io.eyrie.api.project.SetProjectMember;
import io.eyrie.api.project.TransferProjectOwnership;
import io.eyrie.commandside.CommandSender;
import io.eyrie.commandside.Validation;
import io.eyrie.commandside.deployment.type.DeploymentTypes;
import io.eyrie.commandside.directory.Directory;
import io.eyrie.commandside.project.GroupRequests.GroupRequest;
import io.eyrie.commandside.project.GroupRequests.ScopeRequest;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Projects, their members and owner, and their groups. Who may call what is in {@code CommandEndpoints}. */
@RestController
@RequestMapping("/api/projects")
public class ProjectController {
    private final CommandSender commands;
    private final Directory directory;
    private final DeploymentTypes types;

    public ProjectController(CommandSender commands, Directory directory, DeploymentTypes types) {
        this.commands = commands;
        this.directory = directory;
        this.types = types;
    }

    /** Creates a project owned by the caller, with its namespace. 409 if the slug is taken. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ProjectResponse> create(@Valid @RequestBody CreateProjectRequest request, Caller caller,
                                        @RequestHeader HttpHeaders headers) {
        return commands.send(new CreateProject(new ProjectId(request.slug()), request.name(), caller.user(),
                        UUID.randomUUID().toString()), caller, headers)
                .thenReturn(new ProjectResponse(request.slug(), request.name(), caller.user()));
    }

    @PatchMapping("/{slug}")
    public Mono<RenamedResponse> rename(@PathVariable String slug, @Valid @RequestBody RenameProjectRequest request,
                                        Caller caller, @RequestHeader HttpHeaders headers) {
        return commands.send(new RenameProject(new ProjectId(slug), request.name()), caller, headers)
                .thenReturn(new RenamedResponse(slug, request.name()));
    }

    /** The owner archives a project once all its groups are deleted; its slug stays taken. */
    @DeleteMapping("/{slug}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> archive(@PathVariable String slug, Caller caller, @RequestHeader HttpHeaders headers) {
        return commands.send(new ArchiveProject(new ProjectId(slug)), caller, headers);
    }

    /** Adds a member or changes a member's role. Only the owner makes, changes or removes admins. */
    @PutMapping("/{slug}/members/{user}")
    public Mono<MemberResponse> setMember(@PathVariable String slug, @PathVariable String user,
                                          @Valid @RequestBody RoleRequest request, Caller caller,
                                          @RequestHeader HttpHeaders headers) {
        return commands.send(new SetProjectMember(new ProjectId(slug), user, request.role()), caller, headers)
                .thenReturn(new MemberResponse(slug, user, request.role()));
    }

    @DeleteMapping("/{slug}/members/{user}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> removeMember(@PathVariable String slug, @PathVariable String user, Caller caller,
                                   @RequestHeader HttpHeaders headers) {
        return commands.send(new RemoveProjectMember(new ProjectId(slug), user), caller, headers);
    }

    /** The new owner becomes an admin if they were not one; the previous owner stays an admin. */
    @PostMapping("/{slug}/owner")
    public Mono<OwnerResponse> transferOwnership(@PathVariable String slug, @Valid @RequestBody OwnerRequest request,
                                                 Caller caller, @RequestHeader HttpHeaders headers) {
        return commands.send(new TransferProjectOwnership(new ProjectId(slug), request.user()), caller, headers)
                .thenReturn(new OwnerResponse(slug, request.user()));
    }

    /**
     * Creates a deployment group of a type in the project, with its clusters, defaults, Books and scopes; without
     * scopes it gets one, {@code dev}, that allows drop. 409 if the name is taken.
     */
    @PostMapping("/{slug}/groups")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<GroupResponse> createGroup(@PathVariable String slug, @Valid @RequestBody GroupRequest request,
                                           Caller caller, @RequestHeader HttpHeaders headers) {
        request.requireForCreate();
        GroupType type = types.require(request.type(), "type").type();
        var command = new CreateDeploymentGroup(new ProjectId(slug), GroupId.random(), request.name(), type,
                request.clusters() == null ? List.of() : request.clusterIds(),
                request.defaults() == null ? GroupDefaults.NONE : request.defaults().toDefaults(),
                request.books() == null ? Map.of() : request.books(), request.scopeList());
        return commands.send(command, caller, headers)
                .thenReturn(new GroupResponse(slug, request.name(), type));
    }

    /** Changes the group's clusters, defaults or Books; deployments created before keep what they took. */
    @PatchMapping("/{slug}/groups/{group}")
    public Mono<GroupChangedResponse> changeGroup(@PathVariable String slug, @PathVariable String group,
                                                  @Valid @RequestBody GroupRequest request, Caller caller,
                                                  @RequestHeader HttpHeaders headers) {
        request.requireForChange();
        return directory.blocking(() -> directory.requireGroup(new ProjectId(slug), group))
                .flatMap(groupId -> commands.send(new ChangeDeploymentGroup(groupId, request.clusterIds(),
                        request.defaults() == null ? null : request.defaults().toDefaults(), request.books()),
                        caller, headers))
                .thenReturn(new GroupChangedResponse(slug, group));
    }

    /** The owner deletes a group once all its deployments are dropped; its name is free again. */
    @DeleteMapping("/{slug}/groups/{group}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> deleteGroup(@PathVariable String slug, @PathVariable String group, Caller caller,
                                  @RequestHeader HttpHeaders headers) {
        return directory.blocking(() -> directory.requireGroup(new ProjectId(slug), group))
                .flatMap(groupId -> commands.send(new DeleteDeploymentGroup(groupId), caller, headers));
    }

    /** Adds the scope or replaces it; fields left out take the safe default. */
    @PutMapping("/{slug}/groups/{group}/scopes/{scope}")
    public Mono<Scope> defineScope(@PathVariable String slug, @PathVariable String group, @PathVariable String scope,
                                   @Valid @RequestBody ScopeRequest request, Caller caller,
                                   @RequestHeader HttpHeaders headers) {
        Scope defined = request.toScope(scope);
        return directory.blocking(() -> directory.requireGroup(new ProjectId(slug), group))
                .flatMap(groupId -> commands.send(new DefineScope(groupId, defined), caller, headers))
                .thenReturn(defined);
    }

    /** Refused while deployments that were not dropped use it, and for the group's last scope. */
    @DeleteMapping("/{slug}/groups/{group}/scopes/{scope}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> removeScope(@PathVariable String slug, @PathVariable String group, @PathVariable String scope,
                                  Caller caller, @RequestHeader HttpHeaders headers) {
        return directory.blocking(() -> directory.requireGroup(new ProjectId(slug), group))
                .flatMap(groupId -> commands.send(new RemoveScope(groupId, scope), caller, headers));
    }

    /** Gives a member another role in this group; overrides apply to members only, and never to the owner. */
    @PutMapping("/{slug}/groups/{group}/members/{user}")
    public Mono<MemberResponse> overrideInGroup(@PathVariable String slug, @PathVariable String group,
                                                @PathVariable String user, @Valid @RequestBody RoleRequest request,
                                                Caller caller, @RequestHeader HttpHeaders headers) {
        ProjectId project = new ProjectId(slug);
        return directory.blocking(() -> {
                    directory.requireOverridable(project, user);
                    return directory.requireGroup(project, group);
                })
                .flatMap(groupId -> commands.send(new SetGroupRoleOverride(groupId, user, request.role()),
                        caller, headers))
                .thenReturn(new MemberResponse(slug, user, request.role()));
    }

    @DeleteMapping("/{slug}/groups/{group}/members/{user}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> removeGroupOverride(@PathVariable String slug, @PathVariable String group,
                                          @PathVariable String user, Caller caller,
                                          @RequestHeader HttpHeaders headers) {
        return directory.blocking(() -> directory.requireGroup(new ProjectId(slug), group))
                .flatMap(groupId -> commands.send(new RemoveGroupRoleOverride(groupId, user), caller, headers));
    }

    public record CreateProjectRequest(
            @NotBlank @Pattern(regexp = Validation.DNS_LABEL, message = Validation.DNS_LABEL_MESSAGE) String slug,
            @NotBlank @Size(max = 100) String name) {
    }

    public record RenameProjectRequest(@NotBlank @Size(max = 100) String name) {
    }

    public record RoleRequest(@NotNull Role role) {
    }

    public record OwnerRequest(
            @NotBlank @Pattern(regexp = Caller.USER_PATTERN, message = Caller.USER_MESSAGE) String user) {
    }

    public record ProjectResponse(String slug, String name, String owner) {
    }

    public record RenamedResponse(String slug, String name) {
    }

    public record MemberResponse(String project, String user, Role role) {
    }

    public record OwnerResponse(String project, String owner) {
    }

    public record GroupResponse(String project, String name, GroupType type) {
    }

    public record GroupChangedResponse(String project, String name) {
    }
}
