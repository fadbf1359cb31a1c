package io.eyrie.commandside.project;

import io.eyrie.api.project.CreateDeploymentGroup;
import io.eyrie.api.project.CreateProject;
import io.eyrie.api.project.GroupId;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectId;
import io.eyrie.commandside.CommandSender;
import io.eyrie.commandside.Validation;
import io.eyrie.platform.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/projects")
public class ProjectController {
    private final CommandSender commands;

    public ProjectController(CommandSender commands) {
        this.commands = commands;
    }

    /** Creates a project. 409 if the slug is taken. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ProjectCreatedResponse> create(@Valid @RequestBody CreateProjectRequest request,
                                               @RequestHeader HttpHeaders headers, Caller caller) {
        return commands.send(new CreateProject(new ProjectId(request.slug()), request.name()), caller, headers)
                .thenReturn(new ProjectCreatedResponse(request.slug(), request.name()));
    }

    /** Creates a deployment group of a type in the project. 404 if the project does not exist, 409 if the name is taken. */
    @PostMapping("/{slug}/groups")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<GroupCreatedResponse> createGroup(@PathVariable @Pattern(regexp = Validation.DNS_LABEL, message = Validation.DNS_LABEL_MESSAGE) String slug,
                                                  @Valid @RequestBody CreateGroupRequest request,
                                                  @RequestHeader HttpHeaders headers, Caller caller) {
        GroupType type = new GroupType(request.type());
        return commands.send(new CreateDeploymentGroup(new ProjectId(slug), GroupId.random(), request.name(), type), caller, headers)
                .thenReturn(new GroupCreatedResponse(slug, request.name(), type));
    }

    public record CreateProjectRequest(
            @NotBlank @Pattern(regexp = Validation.DNS_LABEL, message = Validation.DNS_LABEL_MESSAGE) String slug,
            @NotBlank @Size(max = 100) String name) {
    }

    public record CreateGroupRequest(
            @NotBlank @Pattern(regexp = Validation.DNS_LABEL, message = Validation.DNS_LABEL_MESSAGE) String name,
            @NotBlank @Pattern(regexp = "odoo|pgo|pxc|none", message = "must be one of odoo, pgo, pxc, none") String type) {
    }

    public record ProjectCreatedResponse(String slug, String name) {
    }

    public record GroupCreatedResponse(String project, String name, GroupType type) {
    }
}
