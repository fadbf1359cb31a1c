package io.eyrie.local;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * What the local run needs to know, read from environment variables (or the same names as system properties).
 *
 * @param eventStoreUrl an external PostgreSQL JDBC URL, or null for the embedded one
 * @param mongoUri      an external MongoDB URI, or null for the embedded one
 * @param issuerUri     an OIDC issuer that signs callers' tokens, or null for the development key in the data folder
 */
public record LocalSettings(Path dataDirectory, int commandPort, int queryPort, int runnerPort,
                            int postgresPort, int mongoPort, String eventStoreUrl, String eventStoreUsername,
                            String eventStorePassword, String mongoUri, String issuerUri) {

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
                blankToNull(get.apply("EYRIE_OIDC_ISSUER_URI")));
    }

    public LocalSettings withDataDirectory(Path directory) {
        return new LocalSettings(directory, commandPort, queryPort, runnerPort, postgresPort, mongoPort,
                eventStoreUrl, eventStoreUsername, eventStorePassword, mongoUri, issuerUri);
    }

    public LocalSettings withPorts(int command, int query, int runner, int postgres, int mongo) {
        return new LocalSettings(dataDirectory, command, query, runner, postgres, mongo, eventStoreUrl,
                eventStoreUsername, eventStorePassword, mongoUri, issuerUri);
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
