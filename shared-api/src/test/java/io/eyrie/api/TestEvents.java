package io.eyrie.api;

import io.eyrie.api.deployment.DeploymentCreated;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectId;


/** Events as tests need them, built in one place so that a new field in an event changes only this class. */
public final class TestEvents {
    private TestEvents() {
    }

    public static DeploymentCreated deploymentCreated(DeploymentId id, String project, String group, GroupType type,
                                                      String name, String scope, String image) {
        return new DeploymentCreated(id, new ProjectId(project), TestIds.group(project + "/" + group), group, type,
                name, scope, image);
    }
}
