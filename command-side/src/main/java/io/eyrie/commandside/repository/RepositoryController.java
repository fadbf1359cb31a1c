package io.eyrie.commandside.repository;

import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectId;
import io.eyrie.api.repository.AddBranch;
import io.eyrie.api.repository.ArchiveRepository;
import io.eyrie.api.repository.ImageId;
import io.eyrie.api.repository.RecordImagePush;
import io.eyrie.api.repository.RegisterImage;
import io.eyrie.api.repository.RegisterRepository;
import io.eyrie.api.repository.RemoveBranch;
import io.eyrie.api.repository.RepositoryId;
import io.eyrie.commandside.CommandSender;
import io.eyrie.commandside.InvalidInputException;
import io.eyrie.commandside.Validation;
import io.eyrie.commandside.deployment.type.DeploymentTypes;
import io.eyrie.platform.access.AccessChecks;
import io.eyrie.platform.access.Need;
import io.eyrie.platform.access.Target;
import io.eyrie.platform.security.Caller;
import io.eyrie.platform.web.ForbiddenException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.Map;

/** Repositories, their branches and the images built from them. Who may call what is in {@code CommandEndpoints}. */
@RestController
public class RepositoryController {
    private static final java.util.regex.Pattern BRANCH = java.util.regex.Pattern.compile(Validation.BRANCH);

    private final CommandSender commands;
    private final AccessChecks access;
    private final DeploymentTypes types;

    public RepositoryController(CommandSender commands, AccessChecks access, DeploymentTypes types) {
        this.commands = commands;
        this.access = access;
        this.types = types;
    }

    /**
     * Registers a repository of {@code project} (its admins may) or, without one, of the whole platform (platform
     * admins may); {@code type} limits it to one group type. 409 if the owner already has this URL.
     */
    @PostMapping("/api/repositories")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<RepositoryResponse> register(@Valid @RequestBody RepositoryRequest request, Caller caller,
                                             @RequestHeader HttpHeaders headers) {
        // ssh://git@host names a user and no secret; https://user:token@host would put the token in events.
        if (request.url().startsWith("git@")) {
            if (request.url().indexOf('@', 4) >= 0) {
                throw new InvalidInputException("url", "must be git@host:path, with no other user or password");
            }
        } else {
            Validation.requireNoSecretIn("url", request.url(), request.url().startsWith("ssh://"));
        }
        GroupType type = request.type() == null ? null : types.require(request.type(), "type").type();
        RepositoryId id = RepositoryId.random();
        Mono<Void> allowed = request.project() == null
                ? (caller.platformAdmin() ? Mono.empty()
                : Mono.error(new ForbiddenException("Only platform admins may register a platform-wide repository")))
                : access.require(caller, Target.PROJECT, Map.of("slug", request.project()), Need.ADMIN,
                "register a repository");
        ProjectId project = request.project() == null ? null : new ProjectId(request.project());
        return allowed.then(commands.send(new RegisterRepository(id, request.url(), project, type), caller, headers))
                .thenReturn(new RepositoryResponse(id.value(), request.url(), request.project(), request.type()));
    }

    /** An archived repository takes no new branches or images; deployments that use it keep running. */
    @DeleteMapping("/api/repositories/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> archive(@PathVariable String id, Caller caller, @RequestHeader HttpHeaders headers) {
        return commands.send(new ArchiveRepository(new RepositoryId(id)), caller, headers);
    }

    @PostMapping("/api/repositories/{id}/branches")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<BranchResponse> addBranch(@PathVariable String id, @Valid @RequestBody BranchRequest request,
                                          Caller caller, @RequestHeader HttpHeaders headers) {
        return commands.send(new AddBranch(new RepositoryId(id), request.name()), caller, headers)
                .thenReturn(new BranchResponse(id, request.name()));
    }

    /** The branch is the rest of the path, since branch names hold slashes ({@code feature/login}). */
    @DeleteMapping("/api/repositories/{id}/branches/{*branch}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> removeBranch(@PathVariable String id, @PathVariable String branch, Caller caller,
                                   @RequestHeader HttpHeaders headers) {
        String name = branch.startsWith("/") ? branch.substring(1) : branch;
        if (!BRANCH.matcher(name).matches()) {
            throw new InvalidInputException("branch", Validation.BRANCH_MESSAGE);
        }
        return commands.send(new RemoveBranch(new RepositoryId(id), name), caller, headers);
    }

    @PostMapping("/api/repositories/{id}/images")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ImageResponse> registerImage(@PathVariable String id, @Valid @RequestBody ImageRequest request,
                                             Caller caller, @RequestHeader HttpHeaders headers) {
        ImageId image = ImageId.random();
        return commands.send(new RegisterImage(new RepositoryId(id), image, request.name()), caller, headers)
                .thenReturn(new ImageResponse(image.value(), id, request.name()));
    }

    /** A registry's webhook: the tag now points at the digest. The same push reported twice is recorded once. */
    @PostMapping("/api/images/{id}/pushed")
    public Mono<PushResponse> pushed(@PathVariable String id, @Valid @RequestBody PushRequest request, Caller caller,
                                     @RequestHeader HttpHeaders headers) {
        return commands.send(new RecordImagePush(new ImageId(id), request.tag(), request.digest()), caller, headers)
                .thenReturn(new PushResponse(id, request.tag(), request.digest()));
    }

    public record RepositoryRequest(
            @NotBlank @Size(max = 400) @Pattern(regexp = Validation.REPOSITORY_URL, message = Validation.REPOSITORY_URL_MESSAGE) String url,
            @Pattern(regexp = Validation.DNS_LABEL, message = Validation.DNS_LABEL_MESSAGE) String project,
            @Pattern(regexp = Validation.DNS_LABEL, message = Validation.DNS_LABEL_MESSAGE) String type) {
    }

    public record BranchRequest(
            @NotBlank @Pattern(regexp = Validation.BRANCH, message = Validation.BRANCH_MESSAGE) String name) {
    }

    public record ImageRequest(
            @NotBlank @Size(max = 300) @Pattern(regexp = Validation.IMAGE_NAME, message = Validation.IMAGE_NAME_MESSAGE) String name) {
    }

    public record PushRequest(
            @NotBlank @Pattern(regexp = Validation.TAG, message = Validation.TAG_MESSAGE) String tag,
            @NotBlank @Pattern(regexp = Validation.DIGEST, message = Validation.DIGEST_MESSAGE) String digest) {
    }

    public record RepositoryResponse(String id, String url, String project, String type) {
    }

    public record BranchResponse(String repository, String name) {
    }

    public record ImageResponse(String id, String repository, String name) {
    }

    public record PushResponse(String image, String tag, String digest) {
    }
}
