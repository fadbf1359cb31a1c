package io.eyrie.commandside.deployment;

import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionInput.ServiceVersion;
import io.eyrie.api.deployment.ActionInput;
import io.eyrie.api.id.Ids;
import io.eyrie.api.project.Strategy;
import io.eyrie.commandside.InvalidInputException;
import io.eyrie.commandside.Validation;
import io.eyrie.commandside.deployment.DeploymentRequest.EnvRequest;
import io.eyrie.platform.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The optional body of an action. Which fields an action takes is one table ({@link #TAKES}); any other is refused
 * with the field named, so a typo never turns a partial deploy into a full one.
 */
public record ActionRequest(
        @Size(min = 1, max = 20) List<@NotNull @Valid ServiceVersionRequest> services,
        @Pattern(regexp = Validation.IMAGE, message = Validation.IMAGE_MESSAGE) @Size(max = 300) String image,
        @Pattern(regexp = DIGEST, message = "must be a digest such as sha256:<64 hex digits>") String digest,
        @Pattern(regexp = Validation.COMMIT_REF, message = Validation.COMMIT_REF_MESSAGE) String commitRef,
        Strategy strategy,
        @Min(1) Integer release,
        @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String job,
        @Size(max = 2000) String notes,
        @Size(min = 1, max = 500) String overrideFreeze) {

    static final String DIGEST = "sha256:[0-9a-f]{64}";

    private static final Set<String> VERSION = Set.of("services", "image", "digest", "commitRef", "strategy", "notes",
            "overrideFreeze");
    private static final Map<Action, Set<String>> TAKES = Map.of(
            Action.INITIALIZE, Set.of("notes"),
            Action.DEPLOY, VERSION,
            Action.REDEPLOY, Set.of("strategy", "notes", "overrideFreeze"),
            Action.DEPLOY_LATEST, Set.of("strategy", "notes", "overrideFreeze"),
            Action.ROLLBACK, Set.of("release", "strategy", "notes", "overrideFreeze"),
            Action.RESTART, Set.of("notes"),
            Action.PAUSE, Set.of("notes"),
            Action.DROP, Set.of("notes"),
            Action.CANCEL, Set.of("job"));

    public record ServiceVersionRequest(
            @NotBlank @Pattern(regexp = Validation.DNS_LABEL, message = Validation.DNS_LABEL_MESSAGE) String name,
            @Size(max = 300) @Pattern(regexp = Validation.IMAGE, message = Validation.IMAGE_MESSAGE) String image,
            @Min(0) @Max(100) Integer replicas,
            @Size(max = 100) List<@NotNull @Valid EnvRequest> env) {
    }

    /** What the action asks for, or 400 naming each field it does not take. */
    ActionInput toInput(Action action) {
        List<Problems.FieldError> errors = new ArrayList<>();
        Map<String, Object> given = new java.util.LinkedHashMap<>();
        given.put("services", services);
        given.put("image", image);
        given.put("digest", digest);
        given.put("commitRef", commitRef);
        given.put("strategy", strategy);
        given.put("release", release);
        given.put("job", job);
        given.put("notes", notes);
        given.put("overrideFreeze", overrideFreeze);
        given.forEach((field, value) -> {
            if (value != null && !TAKES.get(action).contains(field)) {
                errors.add(new Problems.FieldError(field, "is not taken by " + action.wire()
                        + (TAKES.get(action).isEmpty() ? "" : "; it takes " + String.join(", ", TAKES.get(action).stream().sorted().toList()))));
            }
        });
        if (action == Action.ROLLBACK && release == null) {
            errors.add(new Problems.FieldError("release", "is required: the number of the release to roll back to"));
        }
        if (digest != null && image == null) {
            errors.add(new Problems.FieldError("digest", "pins an image, so it needs image"));
        }
        List<ServiceVersion> versions = null;
        if (services != null) {
            versions = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < services.size(); i++) {
                ServiceVersionRequest service = services.get(i);
                String at = "services[" + i + "]";
                if (!names.add(service.name())) {
                    errors.add(new Problems.FieldError(at + ".name", "'" + service.name() + "' is named twice"));
                }
                if (service.image() == null && service.replicas() == null && service.env() == null) {
                    errors.add(new Problems.FieldError(at, "changes nothing; give image, replicas or env"));
                }
                versions.add(new ServiceVersion(service.name(), service.image(), service.replicas(),
                        service.env() == null ? null : DeploymentRequest.env(service.env(), at, errors)));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ActionInput(versions == null ? null : List.copyOf(versions), image, digest, commitRef, strategy,
                release, notes, overrideFreeze);
    }
}
