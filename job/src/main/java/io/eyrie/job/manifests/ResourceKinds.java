package io.eyrie.job.manifests;

import java.util.List;
import java.util.Optional;

/**
 * The kinds Eyrie creates, with where the API serves them. A template that makes any other kind is refused, so a
 * Book cannot reach beyond what Eyrie knows how to clean up.
 */
public enum ResourceKinds {
    NAMESPACE("", "v1", "Namespace", "namespaces", false, false),
    SECRET("", "v1", "Secret", "secrets", true, false),
    CONFIG_MAP("", "v1", "ConfigMap", "configmaps", true, false),
    SERVICE("", "v1", "Service", "services", true, false),
    DEPLOYMENT("apps", "v1", "Deployment", "deployments", true, false),
    JOB("batch", "v1", "Job", "jobs", true, false),
    INGRESS("networking.k8s.io", "v1", "Ingress", "ingresses", true, false),
    POD("", "v1", "Pod", "pods", true, false),
    /** Served by metrics-server, where one is installed. */
    POD_METRICS("metrics.k8s.io", "v1beta1", "PodMetrics", "pods", true, true),
    POSTGRES_CLUSTER("postgres-operator.crunchydata.com", "v1beta1", "PostgresCluster", "postgresclusters", true, true),
    XTRADB_CLUSTER("pxc.percona.com", "v1", "PerconaXtraDBCluster", "perconaxtradbclusters", true, true);

    /** What "delete the workload" removes: everything but the namespace, newest dependants first. */
    public static final List<ResourceKinds> WORKLOAD = List.of(INGRESS, SERVICE, DEPLOYMENT, JOB, POSTGRES_CLUSTER,
            XTRADB_CLUSTER, CONFIG_MAP, SECRET);

    public final String group;
    public final String version;
    public final String kind;
    public final String plural;
    public final boolean namespaced;
    /** Served only once its operator has installed the custom resource definition. */
    public final boolean custom;

    ResourceKinds(String group, String version, String kind, String plural, boolean namespaced, boolean custom) {
        this.group = group;
        this.version = version;
        this.kind = kind;
        this.plural = plural;
        this.namespaced = namespaced;
        this.custom = custom;
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public static Optional<ResourceKinds> of(String apiVersion, String kind) {
        for (ResourceKinds known : values()) {
            if (known.apiVersion().equals(apiVersion) && known.kind.equals(kind)) {
                return Optional.of(known);
            }
        }
        return Optional.empty();
    }
}
