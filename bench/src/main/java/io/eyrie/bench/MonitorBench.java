package io.eyrie.bench;

import com.sun.net.httpserver.HttpServer;
import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.JobTarget;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.monitor.MonitorCreated;
import io.eyrie.api.monitor.MonitorId;
import io.eyrie.api.monitor.MonitorSpec;
import io.eyrie.api.monitor.MonitorType;
import io.eyrie.api.project.GroupId;
import io.eyrie.api.project.ProjectId;
import io.eyrie.local.EyrieLocal;
import io.eyrie.local.LocalSettings;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Monitors at scale: N monitors at a fixed interval against a local responder, checked by the runner of one
 * all-in-one JVM on fresh embedded stores. Reports the checks per second sustained over a window, how many checks
 * were overdue, the JVM's heap after a full collection, and the time from a responder going down to the cards
 * showing {@code error}. The N monitors are written to the event store directly (as their deployments would create
 * them), so the figures measure the checks and not the command side's creation rate; the monitors whose delay is
 * measured are created over HTTP on deployments that run a release.
 * <p>
 * {@code bin/run-bench -Deyrie.bench.suite=monitors -Deyrie.bench.monitors=10000 -Deyrie.bench.monitor-interval=30}
 */
final class MonitorBench {
    private final int monitors = Integer.getInteger("eyrie.bench.monitors", 10_000);
    private final int interval = Integer.getInteger("eyrie.bench.monitor-interval", 30);
    private final int window = Integer.getInteger("eyrie.bench.monitor-window", 90);
    private final int probes = Integer.getInteger("eyrie.bench.monitor-probes", 5);
    private final AtomicLong answered = new AtomicLong();

    void run() throws Exception {
        HttpServer responder = responder(0);
        HttpServer doomed = responder(0);
        Path directory = Files.createTempDirectory("eyrie-bench-monitors-");
        LocalSettings settings = new LocalSettings(directory, 0, 0, 0, 0, 0, null, "eyrie", "eyrie", null, null,
                LocalSettings.LocalCluster.SIMULATED, 0, Duration.ZERO);
        try (EyrieLocal eyrie = EyrieLocal.start(settings, "--eyrie.runner.simulated.step-time=0ms")) {
            HttpDriver http = new HttpDriver(eyrie.commandPort(), eyrie.queryPort(),
                    eyrie.devKeys().orElseThrow().token(HttpDriver.USER));
            http.postCommand("/api/projects", "{\"slug\":\"watch\",\"name\":\"Watch\"}").require(201, "project");
            http.postCommand("/api/projects/watch/groups", "{\"name\":\"web\",\"type\":\"none\",\"clusters\":[\"local\"]}")
                    .require(201, "group");
            List<String> deployments = new ArrayList<>();
            for (int i = 0; i < probes; i++) {
                deployments.add(deployed(http, "probe" + i));
            }
            String host = "http://127.0.0.1:" + responder.getAddress().getPort();
            long written = System.nanoTime();
            publish(eyrie, host);
            List<String> probeMonitors = new ArrayList<>();
            for (String deployment : deployments) {
                probeMonitors.add(http.postCommand("/api/deployments/" + deployment + "/monitors",
                        "{\"type\":\"http_request\",\"name\":\"probe\",\"url\":\"http://127.0.0.1:"
                                + doomed.getAddress().getPort() + "/health\",\"intervalSeconds\":" + interval
                                + ",\"failuresToError\":1,\"timeoutMillis\":2000}").require(201, "probe monitor")
                        .json().get("id").asText());
            }
            DataSource data = eyrie.runnerContext().getBean(DataSource.class);
            JdbcClient jdbc = JdbcClient.create(data);
            await(() -> jdbc.sql("SELECT count(*) FROM monitor_schedule").query(Long.class).single()
                    >= monitors + probes, Duration.ofMinutes(3), "the schedule to hold every monitor");
            System.out.printf(Locale.ROOT, "scheduled %d monitors in %.1f s%n", monitors + probes,
                    (System.nanoTime() - written) / 1e9);

            // Warm up for one interval, then count checks over the window.
            Thread.sleep(interval * 1000L + 5_000);
            long before = answered.get();
            long started = System.nanoTime();
            List<Long> overdue = new ArrayList<>();
            while (System.nanoTime() - started < window * 1_000_000_000L) {
                Thread.sleep(5_000);
                overdue.add(jdbc.sql("SELECT count(*) FROM monitor_schedule WHERE checking AND next_check_at < now() - interval '2 seconds'")
                        .query(Long.class).single());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double checksPerSecond = (answered.get() - before) / seconds;
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

            // The responder behind the probes goes down: how long until each card says error.
            doomed.stop(0);
            long down = System.nanoTime();
            List<Long> delays = new ArrayList<>();
            List<String> waiting = new ArrayList<>(deployments);
            while (!waiting.isEmpty() && System.nanoTime() - down < (interval * 3L) * 1_000_000_000L) {
                for (String deployment : List.copyOf(waiting)) {
                    if ("error".equals(http.card(deployment).json().path("monitorState").asText())) {
                        delays.add((System.nanoTime() - down) / 1_000_000);
                        waiting.remove(deployment);
                    }
                }
                Thread.sleep(100);
            }
            delays.sort(null);
            System.out.println();
            System.out.println("| figure | value |");
            System.out.println("|---|---|");
            System.out.printf(Locale.ROOT, "| monitors, interval | %d at %d s (%.0f checks/s expected) |%n",
                    monitors + probes, interval, (monitors + probes) / (double) interval);
            System.out.printf(Locale.ROOT, "| checks answered per second, over %.0f s | %.0f |%n", seconds, checksPerSecond);
            System.out.printf(Locale.ROOT, "| monitors overdue by more than 2 s, median of %d samples (max) | %d (%d) |%n",
                    overdue.size(), median(overdue), overdue.stream().mapToLong(Long::longValue).max().orElse(0));
            System.out.printf(Locale.ROOT, "| heap used after a full GC, whole all-in-one JVM | %d MiB |%n", heap >> 20);
            System.out.printf(Locale.ROOT, "| responder down to card error, median of %d (max); %d never | %d ms (%d ms) |%n",
                    delays.size(), waiting.size(), delays.isEmpty() ? -1 : median(delays),
                    delays.isEmpty() ? -1 : delays.getLast());
        } finally {
            responder.stop(0);
        }
    }

    private HttpServer responder(int port) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.createContext("/", exchange -> {
            answered.incrementAndGet();
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    private static String deployed(HttpDriver http, String name) throws Exception {
        String id = http.postCommand("/api/projects/watch/groups/web/deployments",
                "{\"name\":\"" + name + "\",\"image\":\"nginx:1.27\"}").require(201, "deployment").json().get("id").asText();
        for (String action : List.of("initialize", "deploy")) {
            String job = http.act(id, action).require(202, action).json().get("jobId").asText();
            await(() -> {
                var card = http.card(id).json();
                return job.equals(card.path("lastJobId").asText()) && card.path("runningJobs").asInt() == 0;
            }, Duration.ofMinutes(1), action + " of " + name);
        }
        return id;
    }

    /**
     * The bulk of the monitors, in batches of one transaction each, on deployments that have no card (so the cards
     * measured are the probes' alone).
     */
    private void publish(EyrieLocal eyrie, String host) {
        EventStore store = eyrie.runnerContext().getBean(EventStore.class);
        JobTarget target = new JobTarget("watch", "watch-ns", "probe0", List.of(), List.of(), null);
        List<EventMessage<?>> batch = new ArrayList<>();
        for (int i = 0; i < monitors; i++) {
            MonitorId id = MonitorId.random();
            MonitorSpec spec = new MonitorSpec(MonitorType.HTTP_REQUEST, "m" + i, interval, 3, host + "/m" + i, "GET",
                    List.of(), null, 5_000, 1_000, null, null, null, null);
            batch.add(new GenericDomainEventMessage<>("Monitor", id.toString(), 0,
                    new MonitorCreated(id, DeploymentId.random(), new ProjectId("watch"),
                            new GroupId(java.util.UUID.randomUUID().toString()), "dev", spec, target, true),
                    MetaData.with(AuditMetaData.INITIATOR, HttpDriver.USER)));
            if (batch.size() == 500 || i == monitors - 1) {
                store.publish(batch);
                batch.clear();
            }
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    private interface Condition {
        boolean met() throws Exception;
    }

    private static void await(Condition condition, Duration limit, String what) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.met()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
