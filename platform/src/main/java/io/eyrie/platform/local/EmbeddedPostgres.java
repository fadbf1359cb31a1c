package io.eyrie.platform.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real PostgreSQL started from Maven jars, for the local run and tests. Unlike the library's default, a
 * persistent instance keeps fsync and synchronous commit on, so committed events survive a crash.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Keeps its data in {@code dataDirectory} across restarts, durably. */
    public static EmbeddedPostgres persistent(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            // Its owner closes it after the services that use it have stopped, not in a racing JVM hook.
            return new EmbeddedPostgres(builder(port)
                    .setRegisterShutdownHook(false)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL in " + dataDirectory, e);
        }
    }

    /** A throw-away instance for tests: fast, and gone on close. */
    public static EmbeddedPostgres ephemeral() {
        try {
            return new EmbeddedPostgres(builder(0).start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL", e);
        }
    }

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder builder(int port) {
        return io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60));
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    /** The {@code eyrie.eventstore.*} properties that point a service at this instance. */
    public Map<String, String> eventStoreProperties() {
        return Map.of("eyrie.eventstore.url", jdbcUrl(),
                "eyrie.eventstore.username", username(),
                "eyrie.eventstore.password", password());
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
