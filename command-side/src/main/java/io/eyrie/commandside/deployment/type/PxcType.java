package io.eyrie.commandside.deployment.type;

import io.eyrie.api.project.GroupType;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;

/** A Percona XtraDB Cluster: a MySQL version and a size (its number of nodes). */
@Component
class PxcType extends DeploymentType {
    PxcType() {
        super(GroupType.PXC, List.of(
                ConfigField.oneOf("mysqlVersion", true, Set.of("8.0", "8.4")),
                ConfigField.integer("size", true, 1, 9),
                ConfigField.text("storageSize", false, "[1-9][0-9]{0,5}(Mi|Gi|Ti)",
                        "must be a Kubernetes quantity such as 10Gi")));
    }
}
