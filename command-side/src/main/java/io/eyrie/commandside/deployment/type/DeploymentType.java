package io.eyrie.commandside.deployment.type;

import io.eyrie.api.deployment.Action;
import io.eyrie.api.project.GroupType;
import io.eyrie.platform.web.Problems;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a group type means: the Book each action runs by default, and the settings its deployments' config takes.
 * One class per type; adding a type is adding one such class as a Spring component.
 */
public abstract class DeploymentType {
    private final GroupType type;
    private final List<ConfigField> fields;

    protected DeploymentType(GroupType type, List<ConfigField> fields) {
        this.type = type;
        this.fields = List.copyOf(fields);
    }

    public GroupType type() {
        return type;
    }

    /** The Book that runs {@code action}: the group's own choice if it made one, else this type's. */
    public String book(Action action, Map<String, String> groupBooks) {
        return groupBooks.getOrDefault(action.wire(), type.wire() + "." + action.wire());
    }

    /** Unknown settings and values of the wrong shape; a draft may still lack required ones. */
    public List<Problems.FieldError> checkShape(Map<String, Object> config) {
        List<Problems.FieldError> errors = new ArrayList<>();
        config.forEach((name, value) -> fields.stream().filter(field -> field.name().equals(name)).findFirst()
                .ifPresentOrElse(field -> field.check(value).ifPresent(errors::add),
                        () -> errors.add(new Problems.FieldError("config." + name, "is not a setting of type "
                                + type.wire() + (fields.isEmpty() ? ", which takes none" : "; it takes "
                                + String.join(", ", fields.stream().map(ConfigField::name).toList()))))));
        return errors;
    }

    /** The required settings that are still missing; initialize and deploy refuse to run without them. */
    public List<Problems.FieldError> missing(Map<String, Object> config) {
        return fields.stream()
                .filter(field -> field.required() && !config.containsKey(field.name()))
                .map(field -> new Problems.FieldError("config." + field.name(), "is required before a "
                        + type.wire() + " deployment can be initialized or deployed; it " + field.rule()))
                .toList();
    }
}
