package io.eyrie.commandside.deployment.type;

import io.eyrie.api.project.GroupType;
import org.springframework.stereotype.Component;

import java.util.List;

/** A generic workload: a Deployment and a Service, with no settings of its own. */
@Component
class NoneType extends DeploymentType {
    NoneType() {
        super(GroupType.NONE, List.of());
    }
}
