package io.eyrie.api.book;

import io.eyrie.api.deployment.Service;

import java.util.List;
import java.util.Map;

/**
 * Where and what a job applies, copied from its deployment when the job was created: the namespace and name its
 * resources get, the clusters (each with its API server and a reference to its credentials, never a secret), and
 * the services and config its templates are filled with. A job therefore records what it applied.
 */
public record JobTarget(String project, String namespace, String name, List<Cluster> clusters,
                        List<Service> services, Map<String, Object> config) {

    public JobTarget {
        clusters = List.copyOf(clusters);
        services = List.copyOf(services);
        config = config == null ? Map.of() : Map.copyOf(config);
    }

    /** {@code simulated://...} API servers are served by the simulated driver only. */
    public record Cluster(String slug, String apiServer, String credentialsRef) {
        public boolean simulated() {
            return apiServer.startsWith("simulated://");
        }
    }
}
