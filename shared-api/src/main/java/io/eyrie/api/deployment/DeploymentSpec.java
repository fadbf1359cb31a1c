package io.eyrie.api.deployment;

import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.repository.ImageId;
import io.eyrie.api.repository.RepositoryId;

import java.util.List;
import java.util.Map;

/**
 * What a deployment is: every field a version records. {@code config} holds the group type's own settings (for
 * {@code pgo} a Postgres version and a storage size), checked by that type.
 */
public record DeploymentSpec(String scope, List<ClusterId> clusters, RepositoryId repository, String branch,
                             String image, String commitRef, List<Service> services, Map<String, Object> config,
                             ImageId subscribeTo) {

    /** The fields a version lists as changed, by their names in the API. */
    public List<String> differences(DeploymentSpec other) {
        var changed = new java.util.ArrayList<String>();
        if (!java.util.Objects.equals(scope, other.scope)) changed.add("scope");
        if (!java.util.Objects.equals(clusters, other.clusters)) changed.add("clusters");
        if (!java.util.Objects.equals(repository, other.repository)) changed.add("repository");
        if (!java.util.Objects.equals(branch, other.branch)) changed.add("branch");
        if (!java.util.Objects.equals(image, other.image)) changed.add("image");
        if (!java.util.Objects.equals(commitRef, other.commitRef)) changed.add("commitRef");
        if (!java.util.Objects.equals(services, other.services)) changed.add("services");
        if (!java.util.Objects.equals(config, other.config)) changed.add("config");
        if (!java.util.Objects.equals(subscribeTo, other.subscribeTo)) changed.add("subscribeTo");
        return List.copyOf(changed);
    }
}
