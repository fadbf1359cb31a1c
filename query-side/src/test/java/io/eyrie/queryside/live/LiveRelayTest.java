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

    /** A relay whose database is away while it sends: it tries again, in order, and nothing is lost. */
    @Test
    void whatCouldNotBeSentGoesOnceTheDatabaseIsBack() throws Exception {
        Flaky flaky = new Flaky();
        LiveRelay sender = new LiveRelay(flaky);
        sender.start();
        await(sender::listening);
        flaky.down = true;
        sender.changed("card", List.of("dep-1"));
        sender.changed("card", List.of("dep-2"));
        Thread.sleep(500);
        assertThat(heard).isEmpty();

        flaky.down = false;

        await(() -> heard.size() == 2);
        assertThat(heard).containsExactly("dep-1", "dep-2");
        assertThat(lost).as("delayed, not missed").isEmpty();
        sender.stop();
    }

    /** One the queue could not even hold is dropped, and the others hear that they missed some. */
    @Test
    void whatWasDroppedIsSaidSoTheOthersEndTheirStreams() throws Exception {
        Flaky flaky = new Flaky();
        LiveRelay sender = new LiveRelay(flaky, 1);
        sender.start();
        await(sender::listening);
        flaky.down = true;
        sender.changed("card", List.of("dep-1"));
        Thread.sleep(200);
        sender.changed("card", List.of("dep-2"));
        sender.changed("card", List.of("dep-3"));
        assertThat(lost).isEmpty();

        flaky.down = false;

        await(() -> heard.size() == 2 && lost.size() >= 2);
        assertThat(heard).containsExactly("dep-1", "dep-2");
        assertThat(lost).as("the writer's two kinds and the other's one").hasSize(3)
                .allSatisfy(cause -> assertThat(cause).hasMessageContaining("dropped live updates"));
        sender.stop();
    }

    /** The same database, refusing connections while it is down. */
    private final class Flaky extends PGSimpleDataSource {
        volatile boolean down;

        Flaky() {
            setUrl(POSTGRES.jdbcUrl());
            setUser(POSTGRES.username());
            setPassword(POSTGRES.password());
        }

        @Override
        public Connection getConnection() throws java.sql.SQLException {
            if (down) {
                throw new java.sql.SQLException("the database is away");
            }
            return super.getConnection();
        }
    }
}
