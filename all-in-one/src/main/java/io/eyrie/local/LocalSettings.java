package io.eyrie.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * What the local run needs to know, read from environment variables (or the same names as system properties).
 *
 * @param eventStoreUrl an external PostgreSQL JDBC URL, or null for the embedded one
 * @param mongoUri      an external MongoDB URI, or null for the embedded one
 * @param issuerUri     an OIDC issuer that signs callers' tokens, or null for the development key in the data folder
 * @param cluster       what the cluster {@code local} is: the Kubernetes API double, run by the real driver, or the
 *                      simulated driver alone (the benchmark's, which measures Eyrie rather than the double)
 * @param kubeletDelay  how long the API double's simulated kubelet takes to make a workload ready
 */
public record LocalSettings(Path dataDirectory, int commandPort, int queryPort, int runnerPort,
                            int postgresPort, int mongoPort, String eventStoreUrl, String eventStoreUsername,
                            String eventStorePassword, String mongoUri, String issuerUri, LocalCluster cluster,
                            int kubernetesPort, Duration kubeletDelay) {

    public enum LocalCluster {
        /** fabric8's Kubernetes API double and a simulated kubelet, driven by the real Kubernetes driver. */
        KUBERNETES,
        /** No Kubernetes API at all: {@code simulated://local}. */
        SIMULATED
    }

    public static LocalSettings fromEnvironment() {
        Map<String, String> env = System.getenv();
        return from(name -> System.getProperty(name, env.get(name)));
    }

    static LocalSettings from(Function<String, String> get) {
        return new LocalSettings(
                Path.of(orDefault(get.apply("EYRIE_DATA_DIR"), "eyrie-data")).toAbsolutePath(),
                port(get.apply("EYRIE_COMMAND_PORT"), 8081),
                port(get.apply("EYRIE_QUERY_PORT"), 8082),
                port(get.apply("EYRIE_RUNNER_PORT"), 8083),
                port(get.apply("EYRIE_POSTGRES_PORT"), 54329),
                port(get.apply("EYRIE_MONGO_PORT"), 27029),
                get.apply("EYRIE_EVENTSTORE_URL"),
                orDefault(get.apply("EYRIE_EVENTSTORE_USERNAME"), "eyrie"),
                orDefault(get.apply("EYRIE_EVENTSTORE_PASSWORD"), "eyrie"),
                get.apply("EYRIE_MONGODB_URI"),
                blankToNull(get.apply("EYRIE_OIDC_ISSUER_URI")),
                cluster(get.apply("EYRIE_LOCAL_CLUSTER")),
                port(get.apply("EYRIE_KUBERNETES_PORT"), 16443),
                Duration.ofMillis(millis(get.apply("EYRIE_KUBELET_DELAY_MS"), 500)));
    }

    public LocalSettings withDataDirectory(Path directory) {
        return new LocalSettings(directory, commandPort, queryPort, runnerPort, postgresPort, mongoPort,
                eventStoreUrl, eventStoreUsername, eventStorePassword, mongoUri, issuerUri, cluster, kubernetesPort,
                kubeletDelay);
    }

    /** Every port, the API double's too: 0 picks a free one. */
    public LocalSettings withPorts(int command, int query, int runner, int postgres, int mongo, int kubernetes) {
        return new LocalSettings(dataDirectory, command, query, runner, postgres, mongo, eventStoreUrl,
                eventStoreUsername, eventStorePassword, mongoUri, issuerUri, cluster, kubernetes, kubeletDelay);
    }

    public LocalSettings withCluster(LocalCluster local, Duration delay) {
        return new LocalSettings(dataDirectory, commandPort, queryPort, runnerPort, postgresPort, mongoPort,
                eventStoreUrl, eventStoreUsername, eventStorePassword, mongoUri, issuerUri, local, kubernetesPort, delay);
    }

    private static LocalCluster cluster(String value) {
        if (value == null || value.isBlank()) {
            return LocalCluster.KUBERNETES;
        }
        try {
            return LocalCluster.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("EYRIE_LOCAL_CLUSTER must be kubernetes or simulated, not " + value);
        }
    }

    private static long millis(String value, long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long millis = Long.parseLong(value.trim());
            if (millis < 0) {
                throw new NumberFormatException();
            }
            return millis;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number of milliseconds: " + value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int port(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port number: " + value);
        }
    }
}
