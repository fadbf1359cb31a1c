package io.eyrie.queryside.live;

import io.eyrie.platform.local.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Two query instances on one real PostgreSQL: what one writes, the other hears; a lost connection is said. */
class LiveRelayTest {
    private static final EmbeddedPostgres POSTGRES = EmbeddedPostgres.ephemeral();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    private LiveRelay writer;
    private LiveRelay other;
    private final List<String> heardByWriter = new CopyOnWriteArrayList<>();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final List<Exception> lost = new CopyOnWriteArrayList<>();

    @BeforeEach
    void twoInstances() {
        dataSource.setUrl(POSTGRES.jdbcUrl());
        dataSource.setUser(POSTGRES.username());
        dataSource.setPassword(POSTGRES.password());
        writer = new LiveRelay(dataSource);
        other = new LiveRelay(dataSource);
        writer.receive("card", heardByWriter::add, lost::add);
        writer.receive("job", heardByWriter::add, lost::add);
        other.receive("card", heard::add, lost::add);
        writer.start();
        other.start();
        await(() -> writer.listening() && other.listening());
    }

    @AfterEach
    void stop() {
        writer.stop();
        other.stop();
    }

    @AfterAll
    static void stopPostgres() {
        POSTGRES.close();
    }

    private static void await(BooleanSupplier condition) {
        Instant limit = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited for the relay").isBefore(limit);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void anotherInstanceHearsWhatChangedAndTheWriterDoesNotHearItself() {
        writer.changed("card", List.of("dep-1", "dep-2"));
        writer.changed("job", List.of("job-1"));

        await(() -> heard.size() == 2);
        assertThat(heard).containsExactly("dep-1", "dep-2");
        writer.changed("card", List.of("dep-3"));
        await(() -> heard.size() == 3);
        // Notifications reach a listener in the order they were sent: once the writer hears a third instance's
        // marker, it has had its own before it, and heard none of them.
        LiveRelay third = new LiveRelay(dataSource);
        third.changed("job", List.of("marker"));
        await(() -> heardByWriter.contains("marker"));
        third.stop();
        assertThat(heardByWriter).as("its own are not for it").containsExactly("marker");
        assertThat(lost).isEmpty();
    }

    @Test
    void manyIdsGoInSeveralNotificationsAndAllArrive() {
        List<String> ids = IntStream.range(0, 1_000).mapToObj(i -> UUID.randomUUID().toString()).toList();
        assertThat(LiveRelay.payloads("instance card ", ids)).hasSizeGreaterThan(1)
                .allSatisfy(payload -> assertThat(payload.length()).isLessThan(8_000));

        writer.changed("card", ids);

        await(() -> heard.size() == ids.size());
        assertThat(heard).containsExactlyElementsOf(ids);
    }

    @Test
    void aListenerThatLosesItsConnectionSaysSoAndHearsAgain() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'");
        }

        // Both listeners said so: the writer for its two kinds, the other for its one.
        await(() -> lost.size() >= 3);
        await(() -> writer.listening() && other.listening());
        writer.changed("card", List.of("dep-after"));

        await(() -> heard.contains("dep-after"));
    }
}
