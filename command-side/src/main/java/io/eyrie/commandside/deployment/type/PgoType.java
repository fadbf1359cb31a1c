package io.eyrie.commandside.deployment.type;

import io.eyrie.api.project.GroupType;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;

/** A PostgreSQL cluster run by Crunchy PGO: a Postgres version and a storage size. */
@Component
class PgoType extends DeploymentType {
    PgoType() {
        super(GroupType.PGO, List.of(
                ConfigField.oneOf("postgresVersion", true, Set.of("13", "14", "15", "16", "17")),
                ConfigField.text("storageSize", true, "[1-9][0-9]{0,5}(Mi|Gi|Ti)",
                        "must be a Kubernetes quantity such as 10Gi"),
                ConfigField.integer("instances", false, 1, 9)));
    }
}
