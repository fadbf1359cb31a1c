package io.eyrie.commandside.deployment;

import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.deployment.DeploymentSettings;
import io.eyrie.api.deployment.EnvVar;
import io.eyrie.api.deployment.Service;
import io.eyrie.api.id.Ids;
import io.eyrie.api.repository.ImageId;
import io.eyrie.api.repository.RepositoryId;
import io.eyrie.commandside.InvalidInputException;
import io.eyrie.commandside.Validation;
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
 * A deployment's fields as a request sets them, checked for shape; the group and the type check the rest. The same
 * body creates (where {@code name} is required) and changes (where it cannot be given) a deployment.
 */
record DeploymentRequest(
        @Pattern(regexp = Validation.DNS_LABEL, message = Validation.DNS_LABEL_MESSAGE) String name,
        @Pattern(regexp = Validation.DNS_LABEL, message = Validation.DNS_LABEL_MESSAGE) String scope,
        @Size(max = 20) List<@NotNull @Pattern(regexp = Validation.DNS_LABEL, message = Validation.DNS_LABEL_MESSAGE) String> clusters,
        @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String repository,
        @Pattern(regexp = Validation.BRANCH, message = Validation.BRANCH_MESSAGE) String branch,
        @Pattern(regexp = Validation.IMAGE, message = Validation.IMAGE_MESSAGE) @Size(max = 300) String image,
        @Pattern(regexp = Validation.COMMIT_REF, message = Validation.COMMIT_REF_MESSAGE) String commitRef,
        @Size(max = 20) List<@NotNull @Valid ServiceRequest> services,
        @Size(max = 50) Map<@Size(max = 64) String, Object> config,
        @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String subscribeTo) {

    /** Names that say they hold a secret may only come from a secret reference. */
    private static final java.util.regex.Pattern SECRET_NAME =
            java.util.regex.Pattern.compile("(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL).*");

    record ServiceRequest(
            @NotBlank @Pattern(regexp = Validation.DNS_LABEL, message = Validation.DNS_LABEL_MESSAGE) String name,
            @NotBlank @Size(max = 300) @Pattern(regexp = Validation.IMAGE, message = Validation.IMAGE_MESSAGE) String image,
            @Min(0) @Max(100) Integer replicas,
            @Size(max = 100) List<@NotNull @Valid EnvRequest> env) {
    }

    record EnvRequest(
            @NotBlank @Pattern(regexp = Validation.ENV_NAME, message = Validation.ENV_NAME_MESSAGE) String name,
            @Size(max = 4096) String value,
            @Pattern(regexp = Validation.SECRET_REF, message = Validation.SECRET_REF_MESSAGE) String secretRef) {
    }

    DeploymentSettings toSettings() {
        List<Problems.FieldError> errors = new ArrayList<>();
        if (name != null) {
            errors.add(new Problems.FieldError("name", "cannot be changed; create a new deployment instead"));
        }
        return settings(errors);
    }

    /** For a new deployment: the name is required. */
    DeploymentSettings toNewSettings() {
        List<Problems.FieldError> errors = new ArrayList<>();
        if (name == null) {
            errors.add(new Problems.FieldError("name", "must not be blank"));
        }
        return settings(errors);
    }

    private DeploymentSettings settings(List<Problems.FieldError> errors) {
        List<Service> parsedServices = services == null ? null : services(errors);
        if (config != null) {
            config.forEach((key, value) -> {
                if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                    errors.add(new Problems.FieldError("config." + key, "must be a string, a number or true/false"));
                }
            });
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new DeploymentSettings(scope, clusters == null ? null : clusters.stream().map(ClusterId::new).toList(),
                repository == null ? null : new RepositoryId(repository), branch, image, commitRef, parsedServices,
                config == null ? null : Map.copyOf(config), subscribeTo == null ? null : new ImageId(subscribeTo));
    }

    private List<Service> services(List<Problems.FieldError> errors) {
        Set<String> names = new HashSet<>();
        List<Service> parsed = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            ServiceRequest service = services.get(i);
            String at = "services[" + i + "]";
            if (!names.add(service.name())) {
                errors.add(new Problems.FieldError(at + ".name", "'" + service.name() + "' is named twice"));
            }
            List<EnvVar> env = env(service.env(), at, errors);
            parsed.add(new Service(service.name(), service.image(), service.replicas() == null ? 1 : service.replicas(),
                    env));
        }
        return parsed;
    }

    /** A service's variables: each a plain value or a secret reference, and no secret-looking name with a value. */
    static List<EnvVar> env(List<EnvRequest> given, String at, List<Problems.FieldError> errors) {
        List<EnvVar> env = new ArrayList<>();
        List<EnvRequest> variables = given == null ? List.of() : given;
        for (int j = 0; j < variables.size(); j++) {
            EnvRequest variable = variables.get(j);
            String field = at + ".env[" + j + "]";
            if ((variable.value() == null) == (variable.secretRef() == null)) {
                errors.add(new Problems.FieldError(field, "needs exactly one of value and secretRef"));
            } else if (variable.value() != null && SECRET_NAME.matcher(variable.name()).matches()) {
                errors.add(new Problems.FieldError(field + ".value", "'" + variable.name()
                        + "' looks like a secret; give a secretRef, so that its value never enters an event"));
            }
            env.add(new EnvVar(variable.name(), variable.value(), variable.secretRef()));
        }
        return List.copyOf(env);
    }
}
