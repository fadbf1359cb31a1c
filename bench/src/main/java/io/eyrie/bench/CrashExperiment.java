package io.eyrie.bench;

import io.eyrie.platform.security.DevKeys;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The crash experiment of the jobs issue: {@code actions} initialize actions are accepted, then the local run is
 * killed with SIGKILL and started again on the same data. It reports how long after the restart every job had
 * ended and was visible on the query API, how many were taken over, and whether any step ran to success twice.
 * Run it with {@code bin/run-crash-experiment}; it exits non-zero when a job is lost, stuck or run twice.
 */
public final class CrashExperiment {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    public static void main(String[] args) throws Exception {
        int actions = Integer.getInteger("eyrie.crash.actions", 40);
        String stepTime = System.getProperty("eyrie.crash.step-time", "400ms");
        Path data = Files.createTempDirectory("eyrie-crash-");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EYRIE_DATA_DIR", data.toString());
        for (String port : List.of("COMMAND", "QUERY", "RUNNER", "POSTGRES", "MONGO", "KUBERNETES")) {
            env.put("EYRIE_" + port + "_PORT", Integer.toString(freePort()));
        }
        // The purely simulated cluster, as when the experiment was first measured: its steps take step-time.
        env.put("EYRIE_LOCAL_CLUSTER", "simulated");
        int commandPort = Integer.parseInt(env.get("EYRIE_COMMAND_PORT"));
        int queryPort = Integer.parseInt(env.get("EYRIE_QUERY_PORT"));

        Process first = start(env, data.resolve("first.log"), stepTime);
        awaitUp(data.resolve("first.log"));
        List<String> jobs = new ArrayList<>();
        try (HttpDriver http = new HttpDriver(commandPort, queryPort, DevKeys.ensure(data).token(HttpDriver.USER))) {
            http.postCommand("/api/projects", "{\"slug\":\"crash\",\"name\":\"Crash\"}").require(201, "project");
            http.postCommand("/api/projects/crash/groups", "{\"name\":\"web\",\"type\":\"none\",\"clusters\":[\"local\"]}")
                    .require(201, "group");
            List<String> deployments = new ArrayList<>();
            for (int i = 0; i < actions; i++) {
                deployments.add(http.postCommand("/api/projects/crash/groups/web/deployments",
                        "{\"name\":\"d" + i + "\",\"scope\":\"dev\",\"image\":\"registry.example.com/app:1\"}")
                        .require(201, "deployment").json().get("id").asText());
            }
            for (String deployment : deployments) {
                jobs.add(http.act(deployment, "initialize").require(202, "initialize").json().get("jobId").asText());
            }
        }
        first.destroyForcibly().waitFor();
        String killedAt = java.time.Instant.now().toString();
        System.out.printf("%d initialize actions accepted, then the local run was killed with SIGKILL%n", actions);

        long restarted = System.nanoTime();
        Process second = start(env, data.resolve("second.log"), stepTime);
        try {
            awaitUp(data.resolve("second.log"));
            double upAfter = seconds(restarted);
            Map<String, Integer> states = new TreeMap<>();
            double settled = -1;
            try (HttpDriver http = new HttpDriver(commandPort, queryPort, DevKeys.ensure(data).token(HttpDriver.USER))) {
                while (System.nanoTime() - restarted < DEADLINE.toNanos()) {
                    states.clear();
                    for (String job : jobs) {
                        HttpDriver.Result view = http.job(job);
                        String state = view.status() == 200 ? view.json().get("state").asText() : "missing (" + view.status() + ")";
                        states.merge(state, 1, Integer::sum);
                    }
                    if (states.keySet().stream().allMatch(state -> List.of("succeeded", "failed", "cancelled", "expired").contains(state))) {
                        settled = seconds(restarted);
                        break;
                    }
                    Thread.sleep(250);
                }
            }
            Counts counts = count(env.get("EYRIE_POSTGRES_PORT"), killedAt);
            System.out.printf("restarted and serving after %.1f s; every job ended and visible after %s%n", upAfter,
                    settled < 0 ? "NEVER (within " + DEADLINE.toSeconds() + " s)" : String.format("%.1f s", settled));
            System.out.printf("jobs by state on the query API: %s%n", states);
            System.out.printf("at the kill: %d jobs had started, %d had ended%n", counts.startedBeforeKill,
                    counts.endedBeforeKill);
            System.out.printf("jobs taken over after the crash (JobResumed): %d; steps that succeeded twice: %d; jobs started twice: %d%n",
                    counts.resumed, counts.stepsSucceededTwice, counts.startedTwice);
            boolean ok = settled >= 0 && states.getOrDefault("succeeded", 0) == actions
                    && counts.stepsSucceededTwice == 0 && counts.startedTwice == 0;
            System.out.println(ok ? "PASS" : "FAIL");
            System.out.println("logs: " + data);
            if (!ok) {
                System.exit(1);
            }
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    private record Counts(long resumed, long stepsSucceededTwice, long startedTwice, long startedBeforeKill,
                          long endedBeforeKill) {
    }

    private static Counts count(String postgresPort, String killedAt) throws Exception {
        EventStoreDb db = new EventStoreDb("jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres");
        String table = db.table();
        try (Connection connection = db.connect()) {
            long resumed = single(connection, "SELECT count(*) FROM " + table + " WHERE payloadtype LIKE '%JobResumed'");
            long startedTwice = single(connection, "SELECT count(*) FROM (SELECT aggregateidentifier FROM " + table
                    + " WHERE payloadtype LIKE '%JobStarted' GROUP BY aggregateidentifier HAVING count(*) > 1) twice");
            // A step's index is in its payload; the same job and index succeeding twice would be a step run twice.
            long twice = single(connection, "SELECT count(*) FROM (SELECT aggregateidentifier, "
                    + "convert_from(payload, 'UTF8')::jsonb ->> 'index' AS step FROM " + table
                    + " WHERE payloadtype LIKE '%JobStepSucceeded' GROUP BY 1, 2 HAVING count(*) > 1) twice");
            long started = single(connection, "SELECT count(*) FROM " + table
                    + " WHERE payloadtype LIKE '%JobStarted' AND timestamp < '" + killedAt + "'");
            long ended = single(connection, "SELECT count(*) FROM " + table
                    + " WHERE payloadtype LIKE '%JobSucceeded' AND timestamp < '" + killedAt + "'");
            return new Counts(resumed, twice, startedTwice, started, ended);
        }
    }

    private static long single(Connection connection, String sql) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Process start(Map<String, String> env, Path log, String stepTime) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.eyrie.local.EyrieLocal",
                "--eyrie.runner.simulated.step-time=" + stepTime);
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }

    /** Up once the local run has said so: all three services and the stores have started. */
    private static void awaitUp(Path log) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < until) {
            if (Files.exists(log) && Files.readString(log).contains("Eyrie is up")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the local run did not come up within 120 s; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private CrashExperiment() {
    }
}
