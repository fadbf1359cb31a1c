package io.eyrie.api;

import io.eyrie.api.deployment.DeploymentCreated;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.KubernetesNames;
import io.eyrie.api.project.ProjectCreated;
import io.eyrie.api.project.ProjectNamespace;
import io.eyrie.api.project.ProjectId;


/** Events as tests need them, built in one place so that a new field in an event changes only this class. */
public final class TestEvents {
    private TestEvents() {
    }

    /** The namespace UID of a test project is derived from its slug, so events compare equal across tests. */
    public static ProjectCreated projectCreated(String slug, String owner) {
        String uid = TestIds.uuid("namespace " + slug);
        return new ProjectCreated(new ProjectId(slug), slug.toUpperCase(), owner,
                new ProjectNamespace(uid, KubernetesNames.projectNamespace(uid)));
    }

    public static DeploymentCreated deploymentCreated(DeploymentId id, String project, String group, GroupType type,
                                                      String name, String scope, String image) {
        return new DeploymentCreated(id, new ProjectId(project), TestIds.group(project + "/" + group), group, type,
                name, scope, image);
    }
}
