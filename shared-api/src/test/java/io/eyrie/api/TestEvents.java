package io.eyrie.api;

import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.deployment.DeploymentCreated;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.DeploymentSpec;
import io.eyrie.api.deployment.Service;
import io.eyrie.api.project.DeploymentGroupCreated;
import io.eyrie.api.project.GroupDefaults;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.KubernetesNames;
import io.eyrie.api.project.ProjectCreated;
import io.eyrie.api.project.ProjectId;
import io.eyrie.api.project.ProjectNamespace;
import io.eyrie.api.project.Scope;

import java.util.List;
import java.util.Map;

/** Events as tests need them, built in one place so that a new field in an event changes only this class. */
public final class TestEvents {
    public static final ClusterId LOCAL = new ClusterId("local");

    private TestEvents() {
    }

    /** The namespace UID of a test project is derived from its slug, so events compare equal across tests. */
    public static ProjectCreated projectCreated(String slug, String owner) {
        String uid = TestIds.uuid("namespace " + slug);
        return new ProjectCreated(new ProjectId(slug), slug.toUpperCase(), owner,
                new ProjectNamespace(uid, KubernetesNames.projectNamespace(uid)));
    }

    /** Runs on the cluster {@code local}, with one service named after it; its config is empty. */
    public static DeploymentCreated deploymentCreated(DeploymentId id, String project, String group, GroupType type,
                                                      String name, String scope, String image) {
        return deploymentCreated(id, project, group, type, name, spec(scope, image, Map.of()), List.of());
    }

    public static DeploymentCreated deploymentCreated(DeploymentId id, String project, String group, GroupType type,
                                                      String name, DeploymentSpec spec, List<String> inherited) {
        return new DeploymentCreated(id, new ProjectId(project), TestIds.group(project + "/" + group), group, type,
                name, TestIds.uuid("namespace " + project),
                KubernetesNames.deploymentNamespace(project, name, id.value()), spec, inherited);
    }

    public static DeploymentSpec spec(String scope, String image, Map<String, Object> config) {
        return new DeploymentSpec(scope, List.of(LOCAL), null, null, image, null,
                List.of(new Service(serviceName(image), image, 1, List.of())), config, null);
    }

    /** A group in project {@code project} on the cluster {@code local}, with the default scope {@code dev}. */
    public static DeploymentGroupCreated groupCreated(String project, String name, GroupType type) {
        return new DeploymentGroupCreated(TestIds.group(project + "/" + name), new ProjectId(project), name, type,
                TestIds.uuid("namespace " + project), List.of(LOCAL), GroupDefaults.NONE, Map.of(),
                List.of(Scope.dev()));
    }

    private static String serviceName(String image) {
        String path = image.contains("/") ? image.substring(image.lastIndexOf('/') + 1) : image;
        return path.contains(":") ? path.substring(0, path.indexOf(':')) : path;
    }

    /** Where a test job applies: one simulated cluster, one service. */
    public static io.eyrie.api.book.JobTarget target(String name, String image) {
        return new io.eyrie.api.book.JobTarget("acme", "acme-" + name + "-ns", name,
                java.util.List.of(new io.eyrie.api.book.JobTarget.Cluster("local", "simulated://local", "in-cluster")),
                java.util.List.of(new io.eyrie.api.deployment.Service(name, image, 1, java.util.List.of())),
                java.util.Map.of());
    }
}
