package io.eyrie.api.deployment;

import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.repository.ImageId;
import io.eyrie.api.repository.RepositoryId;

import java.util.List;
import java.util.Map;

/**
 * What a request sets on a deployment: a field left null is inherited from the group (at creation) or stays as it
 * was (on a change).
 */
public record DeploymentSettings(String scope, List<ClusterId> clusters, RepositoryId repository, String branch,
                                 String image, String commitRef, List<Service> services, Map<String, Object> config,
                                 ImageId subscribeTo) {
    public static final DeploymentSettings NONE = new DeploymentSettings(null, null, null, null, null, null, null,
            null, null);

    /** This change applied to {@code current}. */
    public DeploymentSpec applyTo(DeploymentSpec current) {
        return new DeploymentSpec(or(scope, current.scope()), or(clusters, current.clusters()),
                or(repository, current.repository()), or(branch, current.branch()), or(image, current.image()),
                or(commitRef, current.commitRef()), or(services, current.services()), or(config, current.config()),
                or(subscribeTo, current.subscribeTo()));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
