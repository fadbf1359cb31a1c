package io.eyrie.commandside.deployment;

import io.eyrie.platform.web.Problems;

import java.util.List;

/** 409: the action needs settings the deployment's config does not have yet; names each. */
public class ConfigIncompleteException extends RuntimeException {
    private final List<Problems.FieldError> missing;

    public ConfigIncompleteException(String action, List<Problems.FieldError> missing) {
        super("Action '" + action + "' needs settings this deployment does not have yet: "
                + String.join(", ", missing.stream().map(Problems.FieldError::field).toList()));
        this.missing = List.copyOf(missing);
    }

    public List<Problems.FieldError> missing() {
        return missing;
    }
}
