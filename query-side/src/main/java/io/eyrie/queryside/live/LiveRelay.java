package io.eyrie.queryside.live;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Tells every other query instance which read-model documents this one wrote, so that a live stream sees every
 * change whichever instance's processor made it. Through PostgreSQL's LISTEN/NOTIFY on the event store's database,
 * which every instance already shares: after a batch commits, one notification per kind names the changed ids; each
 * other instance reads those its own streams watch and sends them.
 * <p>
 * A notification is lost while a listener is disconnected. So on reconnecting, each kind's {@code lost} callback
 * ends that instance's streams, whose clients reconnect and get the current state first.
 */
@Component
public class LiveRelay implements SmartLifecycle {
    static final String CHANNEL = "eyrie_live";
    /** PostgreSQL refuses payloads of 8,000 bytes or more. */
    private static final int PAYLOAD_LIMIT = 7_800;
    private static final Logger log = LoggerFactory.getLogger(LiveRelay.class);

    private final DataSource dataSource;
    private final String instance = UUID.randomUUID().toString();
    private final Map<String, Receiver> receivers = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean listening;
    private Thread listener;

    private record Receiver(Consumer<String> changed, Consumer<Exception> lost) {
    }

    public LiveRelay(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A relay for a single query instance, and for tests of one projection: it sends and receives nothing. */
    public static LiveRelay alone() {
        return new LiveRelay(null);
    }

    /**
     * {@code changed} is given the id of each document of {@code kind} another instance wrote; {@code lost} is
     * called when some may have been missed.
     */
    public void receive(String kind, Consumer<String> changed, Consumer<Exception> lost) {
        receivers.put(kind, new Receiver(changed, lost));
    }

    /** After a commit: tells the other instances these documents of {@code kind} changed. */
    public void changed(String kind, Collection<String> ids) {
        if (dataSource == null || ids.isEmpty()) {
            return;
        }
        List<String> payloads = payloads(instance + " " + kind + " ", ids);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            for (String payload : payloads) {
                notify.setString(1, CHANNEL);
                notify.setString(2, payload);
                notify.execute();
            }
        } catch (SQLException e) {
            // The write itself committed; only other instances' streams miss it until their clients reconnect.
            log.error("Could not tell the other query instances that {} {} changed", kind, ids, e);
        }
    }

    static List<String> payloads(String prefix, Collection<String> ids) {
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder(prefix);
        for (String id : ids) {
            // Ids are ASCII (UUIDs and slugs): a character is a byte.
            if (payload.length() > prefix.length() && payload.length() + 1 + id.length() > PAYLOAD_LIMIT) {
                payloads.add(payload.toString());
                payload = new StringBuilder(prefix);
            }
            if (payload.length() > prefix.length()) {
                payload.append(',');
            }
            payload.append(id);
        }
        payloads.add(payload.toString());
        return payloads;
    }

    /** True while this instance listens: what it is told arrives. */
    boolean listening() {
        return listening;
    }

    @Override
    public void start() {
        if (dataSource == null) {
            return;
        }
        running = true;
        listener = Thread.ofPlatform().daemon().name("live-relay").start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        boolean missed = false;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                listening = true;
                if (missed) {
                    lost(new SQLException("live updates from other query instances were missed while reconnecting"));
                    missed = false;
                }
                while (running) {
                    PGNotification[] received = notifications.getNotifications(500);
                    if (received != null) {
                        Arrays.stream(received).forEach(notification -> deliver(notification.getParameter()));
                    }
                }
            } catch (SQLException e) {
                listening = false;
                if (!running) {
                    return;
                }
                log.error("Stopped hearing live updates from the other query instances; listening again in 1 s", e);
                missed = true;
                lost(e);
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        listening = false;
    }

    private void deliver(String payload) {
        String[] parts = payload.split(" ", 3);
        if (parts.length < 3 || parts[0].equals(instance)) {
            return;
        }
        Receiver receiver = receivers.get(parts[1]);
        if (receiver == null) {
            return;
        }
        for (String id : parts[2].split(",")) {
            try {
                receiver.changed().accept(id);
            } catch (RuntimeException e) {
                log.error("Could not send the change of {} {} from another query instance", parts[1], id, e);
                receiver.lost().accept(e);
            }
        }
    }

    private void lost(Exception cause) {
        receivers.values().forEach(receiver -> receiver.lost().accept(cause));
    }
}
