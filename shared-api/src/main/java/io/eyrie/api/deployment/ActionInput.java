package io.eyrie.api.deployment;

import io.eyrie.api.project.Strategy;

import java.util.List;

/**
 * What an action's body asks for beyond the action itself; every field may be null. With {@code image},
 * {@code commitRef} or {@code services} a deploy is Qovery's <em>deploy other version</em>; listing only some
 * services is a partial deploy, the others inherited from the active release. {@code release} is a rollback's
 * target. {@code digest} pins {@code image} (a registry push names both). {@code overrideFreeze}: an admin's reason
 * to deploy through a freeze window.
 */
public record ActionInput(List<ServiceVersion> services, String image, String digest, String commitRef,
                          Strategy strategy, Integer release, String notes, String overrideFreeze) {
    public static final ActionInput NONE = new ActionInput(null, null, null, null, null, null, null, null);

    /** Whether it names a version to deploy rather than the current configuration. */
    public boolean namesVersion() {
        return services != null || image != null || commitRef != null;
    }

    /** One service's new version: a field left null keeps what the service has. */
    public record ServiceVersion(String name, String image, Integer replicas, List<EnvVar> env) {
    }
}
