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
 * ends that instance's streams, whose clients reconnect and get the current state first. The listener asks its
 * connection something every few seconds, so a connection that died without a word is noticed too. Notifications
 * are sent from a thread of their own, so a slow database never holds up the processor that wrote the documents.
 * A notification that cannot be sent is tried again, in order, until it goes; one that cannot even wait (the queue
 * is full) is dropped, and the next one sent is preceded by word that some were missed, on which the others end
 * their streams as if their own listener had lost its connection.
 */
@Component
public class LiveRelay implements SmartLifecycle {
    static final String CHANNEL = "eyrie_live";
    /** PostgreSQL refuses payloads of 8,000 bytes or more. */
    private static final int PAYLOAD_LIMIT = 7_800;
    private static final Logger log = LoggerFactory.getLogger(LiveRelay.class);
    private static final int POLL_MILLIS = 500;
    private static final int PROBE_EVERY_POLLS = 10;
    private static final int NETWORK_TIMEOUT_MILLIS = 10_000;
    private static final long LONGEST_RETRY_MILLIS = 5_000;
    /** The word that some notifications were dropped; no kind is named so. */
    static final String MISSED = "MISSED";

    private final DataSource dataSource;
    private final String instance = UUID.randomUUID().toString();
    private final Map<String, Receiver> receivers = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean listening;
    private Thread listener;
    /** One sender, a bounded queue: notifications wait here rather than on the processor's thread. */
    private final java.util.concurrent.ThreadPoolExecutor sender;
    /** Notifications dropped, and how many of them the others have been told of (the sender's thread only). */
    private final java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();
    private long toldDropped;

    private record Receiver(Consumer<String> changed, Consumer<Exception> lost) {
    }

    @org.springframework.beans.factory.annotation.Autowired
    public LiveRelay(DataSource dataSource) {
        this(dataSource, 10_000);
    }

    LiveRelay(DataSource dataSource, int queue) {
        this.dataSource = dataSource;
        this.sender = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, java.util.concurrent.TimeUnit.MILLISECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(queue),
                Thread.ofPlatform().daemon().name("live-relay-send").factory());
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

    /** After a commit: tells the other instances, soon, that these documents of {@code kind} changed. */
    public void changed(String kind, Collection<String> ids) {
        if (dataSource == null || ids.isEmpty()) {
            return;
        }
        List<String> copy = List.copyOf(ids);
        try {
            sender.execute(() -> send(kind, copy));
        } catch (java.util.concurrent.RejectedExecutionException full) {
            dropped.incrementAndGet();
            log.error("Could not queue the news that {} {} changed for the other query instances: {} wait already; "
                    + "they will be told that they missed some", kind, copy, sender.getQueue().size());
        }
    }

    /**
     * Tried again at once (a pooled connection that broke since its last use fails once and is replaced), then with
     * a growing pause, until it goes or the relay stops; the later ones wait behind it, in order.
     */
    private void send(String kind, List<String> ids) {
        for (long pause = 0; ; pause = Math.min(Math.max(100, pause * 2), LONGEST_RETRY_MILLIS)) {
            try {
                publish(kind, ids);
                return;
            } catch (SQLException e) {
                if (pause == 0) {
                    log.debug("Could not tell the other query instances that {} changed; trying again", kind, e);
                    continue;
                }
                if (!running) {
                    // Stopping: the others lose this instance's listener too and end their streams.
                    log.warn("Did not tell the other query instances that {} {} changed: this one stops", kind, ids, e);
                    return;
                }
                log.error("Could not tell the other query instances that {} {} changed; trying again in {} ms",
                        kind, ids, pause, e);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void publish(String kind, List<String> ids) throws SQLException {
        List<String> payloads = new ArrayList<>();
        long drops = dropped.get();
        if (drops > toldDropped) {
            payloads.add(instance + " " + MISSED);
        }
        payloads.addAll(payloads(instance + " " + kind + " ", ids));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            for (String payload : payloads) {
                notify.setString(1, CHANNEL);
                notify.setString(2, payload);
                notify.execute();
            }
        }
        toldDropped = drops;
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

    /** Before the web server starts, so a stream opened at once hears other instances; stopped after it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
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
        sender.shutdown();
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(2 * POLL_MILLIS + NETWORK_TIMEOUT_MILLIS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
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
                try {
                    connection.setAutoCommit(true);
                    connection.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MILLIS);
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("LISTEN " + CHANNEL);
                    }
                    PGConnection notifications = connection.unwrap(PGConnection.class);
                    listening = true;
                    if (missed) {
                        lost(new SQLException("live updates from other query instances were missed while reconnecting"));
                        missed = false;
                    }
                    for (long polls = 1; running; polls++) {
                        PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
                        if (received != null) {
                            Arrays.stream(received).forEach(notification -> deliver(notification.getParameter()));
                        }
                        if (polls % PROBE_EVERY_POLLS == 0) {
                            // Only reading, a connection whose peer vanished would never say so.
                            try (Statement probe = connection.createStatement()) {
                                probe.execute("SELECT 1");
                            }
                        }
                    }
                } finally {
                    listening = false;
                    // The connection goes back to the pool: it must not go on collecting notifications there.
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("UNLISTEN *");
                    } catch (SQLException gone) {
                        log.debug("Could not unlisten on a connection that failed; the pool drops it", gone);
                    }
                }
            } catch (SQLException | RuntimeException e) {
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
    }

    private void deliver(String payload) {
        String[] parts = payload.split(" ", 3);
        if (parts.length == 2 && parts[1].equals(MISSED) && !parts[0].equals(instance)) {
            lost(new SQLException("another query instance dropped live updates it could not send"));
            return;
        }
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
                lost(receiver, e);
            }
        }
    }

    private void lost(Exception cause) {
        receivers.values().forEach(receiver -> lost(receiver, cause));
    }

    private static void lost(Receiver receiver, Exception cause) {
        try {
            receiver.lost().accept(cause);
        } catch (RuntimeException e) {
            log.error("Could not end the streams that may have missed live updates", e);
        }
    }
}
