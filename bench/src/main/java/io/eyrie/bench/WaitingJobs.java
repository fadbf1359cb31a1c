package io.eyrie.bench;

import io.eyrie.local.EyrieLocal;
import io.eyrie.local.LocalSettings;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How much {@code jobs} jobs cost while they all wait on a rollout: the whole local run (three services, the
 * embedded MongoDB-protocol store; PostgreSQL is its own process) in one JVM whose heap the script caps at 512 MB.
 * Their images are tagged {@code slow}, so each job's rollout step keeps waiting, and the runner looks at each again
 * every second. It reports the heap after a full collection, the live threads, and the runner's count of running and
 * queued jobs, before and while the jobs wait. Run it with {@code bin/run-waiting-jobs}.
 */
public final class WaitingJobs {
    public static void main(String[] args) throws Exception {
        int jobs = Integer.getInteger("eyrie.waiting.jobs", 1000);
        LocalSettings settings = new LocalSettings(Files.createTempDirectory("eyrie-waiting-"), 0, 0, 0, 0, 0, null,
                "eyrie", "eyrie", null, null, LocalSettings.LocalCluster.SIMULATED, 0, Duration.ZERO);
        try (EyrieLocal eyrie = EyrieLocal.start(settings, "--eyrie.runner.simulated.step-time=0ms",
                "--eyrie.books.job-timeout=30m");
             HttpDriver http = new HttpDriver(eyrie.commandPort(), eyrie.queryPort(),
                     eyrie.devKeys().orElseThrow().token(HttpDriver.USER))) {
            String runnerToken = eyrie.devKeys().orElseThrow().token(HttpDriver.USER);
            URI runner = URI.create("http://127.0.0.1:" + eyrie.runnerPort() + "/api/runner");
            System.out.printf("max heap %d MiB; idle: %s%n", Runtime.getRuntime().maxMemory() >> 20, sample(runner, runnerToken));

            http.postCommand("/api/projects", "{\"slug\":\"waiting\",\"name\":\"Waiting\"}").require(201, "project");
            http.postCommand("/api/projects/waiting/groups", "{\"name\":\"web\",\"type\":\"none\",\"clusters\":[\"local\"]}")
                    .require(201, "group");
            List<String> ids = parallel(jobs, i -> http.postCommand("/api/projects/waiting/groups/web/deployments",
                    "{\"name\":\"w" + i + "\",\"scope\":\"dev\",\"image\":\"registry.example.com/app:slow\"}")
                    .require(201, "deployment").json().get("id").asText());
            parallel(jobs, i -> http.act(ids.get(i), "initialize").require(202, "initialize").body());
            awaitCards(http, ids, "initialize");
            long started = System.nanoTime();
            parallel(jobs, i -> http.act(ids.get(i), "deploy").require(202, "deploy").body());
            // Every job has started its rollout step once the runner holds no queued job that has not run yet.
            Thread.sleep(Duration.ofSeconds(20));
            System.out.printf("%d deploys accepted and waiting for %.0f s: %s%n", jobs,
                    (System.nanoTime() - started) / 1e9, sample(runner, runnerToken));
            Thread.sleep(Duration.ofSeconds(10));
            System.out.printf("10 s later: %s%n", sample(runner, runnerToken));
        }
        System.exit(0);
    }

    /** Heap after a full collection, live threads, and what the runner says it is doing. */
    private static String sample(URI runner, String token) throws Exception {
        System.gc();
        Thread.sleep(200);
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        try (HttpClient client = HttpClient.newHttpClient()) {
            String status = client.send(HttpRequest.newBuilder(runner).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return "heap after GC " + heap + " MiB, " + threads + " threads, runner " + status;
        }
    }

    private static void awaitCards(HttpDriver http, List<String> ids, String lifecycle) throws Exception {
        long until = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        for (String id : ids) {
            while (true) {
                HttpDriver.Result card = http.card(id);
                if (card.status() == 200 && lifecycle.equals(card.json().get("lifecycle").asText())
                        && card.json().get("runningJobs").asInt() == 0) {
                    break;
                }
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("deployment " + id + " did not reach " + lifecycle);
                }
                Thread.sleep(50);
            }
        }
    }

    private interface Call {
        String apply(int index) throws Exception;
    }

    private static List<String> parallel(int count, Call call) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                results.add(pool.submit(() -> call.apply(index)));
            }
            List<String> values = new ArrayList<>();
            for (Future<String> result : results) {
                values.add(result.get());
            }
            return values;
        }
    }

    private WaitingJobs() {
    }
}
