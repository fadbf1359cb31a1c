package io.eyrie.commandside.deployment.type;

import io.eyrie.api.project.GroupType;
import io.eyrie.commandside.InvalidInputException;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every {@link DeploymentType} the command side knows, by name. */
@Component
public class DeploymentTypes {
    private final Map<String, DeploymentType> byName = new TreeMap<>();

    public DeploymentTypes(List<DeploymentType> types) {
        types.forEach(type -> {
            if (byName.put(type.type().wire(), type) != null) {
                throw new IllegalStateException("two deployment types are named " + type.type().wire());
            }
        });
    }

    /** The type, or a 400 naming {@code field} and the types there are. */
    public DeploymentType require(String name, String field) {
        DeploymentType type = byName.get(name);
        if (type == null) {
            throw new InvalidInputException(field, "must be one of " + String.join(", ", byName.keySet()));
        }
        return type;
    }

    public DeploymentType of(GroupType type) {
        return require(type.wire(), "type");
    }
}
