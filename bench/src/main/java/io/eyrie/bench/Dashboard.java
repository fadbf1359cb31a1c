package io.eyrie.bench;

import io.eyrie.queryside.rebuild.ReadModel;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The query side's dashboard event processors, one per read model, reached in-process: the processors that feed
 * the read models, with a rebuild (a replay of every event in the store into new generations) and a wait for the system to go quiet.
 */
final class Dashboard {
    private final java.util.List<StreamingEventProcessor> processors;

    /** How the rebuild went: {@code events} rows were in the store, the last at {@code head}. */
    record Rebuild(long events, long head, long nanos, boolean caughtUp) {
        double eventsPerSecond() {
            return nanos == 0 ? 0 : events * 1e9 / nanos;
        }
    }

    Dashboard(ConfigurableApplicationContext querySide) {
        var processing = querySide.getBean(EventProcessingConfiguration.class);
        this.processors = ReadModel.processors().stream().map(name -> processing
                .eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("the query side has no streaming processor named " + name)))
                .toList();
    }

    String type() {
        return processors.size() + " × " + processors.getFirst().getClass().getSimpleName();
    }

    /**
     * Rebuilds every read model the way a platform admin does, through the query API: the rebuild processor
     * replays every event in the store into new generations while the live ones serve, then they switch. Timed
     * from the request to the switch; {@code events} is what the rebuild says it passed.
     */
    Rebuild rebuild(EventStoreDb db, Duration limit, int queryPort, String adminToken) throws Exception {
        long head = db.head();
        var http = java.net.http.HttpClient.newHttpClient();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.net.URI list = java.net.URI.create("http://localhost:" + queryPort + "/api/admin/read-models");
        Instant deadline = Instant.now().plus(limit);
        long started = System.nanoTime();
        var accepted = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + queryPort + "/api/admin/read-models/all/rebuild"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"reason\":\"benchmark\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("the rebuild was not accepted: " + accepted.body());
        }
        while (Instant.now().isBefore(deadline)) {
            var rebuild = json.readTree(http.send(java.net.http.HttpRequest.newBuilder(list)
                    .header("Authorization", "Bearer " + adminToken).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body()).get("rebuild");
            if (!rebuild.get("outcome").asText().equals("running")) {
                if (!rebuild.get("outcome").asText().equals("done")) {
                    throw new IllegalStateException("the rebuild ended " + rebuild);
                }
                return new Rebuild(rebuild.get("eventsDone").asLong(), head, System.nanoTime() - started, true);
            }
            Thread.sleep(20);
        }
        return new Rebuild(db.count(), head, System.nanoTime() - started, false);
    }

    /** True when every processor's claimed segments cover the whole stream and each has processed up to {@code head}. */
    boolean caughtUp(long head) {
        return processors.stream().allMatch(processor -> caughtUp(processor, head));
    }

    private static boolean caughtUp(StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty()) {
            return false;
        }
        double covered = 0;
        for (EventTrackerStatus segment : status.values()) {
            if (segment.isErrorState()) {
                throw new IllegalStateException("the processor " + processor.getName() + " failed on segment "
                        + segment.getSegment().getSegmentId(), segment.getError());
            }
            if (segment.getCurrentPosition().orElse(-1) < head) {
                return false;
            }
            covered += 1.0 / (segment.getSegment().getMask() + 1);
        }
        return covered > 0.999;
    }

    /**
     * Waits until no event has been appended for {@code stableFor} and the dashboard has processed them all, so
     * that the work an earlier phase set off (jobs, their steps and outcomes) does not disturb the next one.
     *
     * @return how long after the call the last event was appended, or null if the store did not go quiet in time
     */
    Duration awaitQuiet(EventStoreDb db, Duration stableFor, Duration limit) throws Exception {
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        long head = db.head();
        long lastChange = started;
        while (System.nanoTime() < deadline) {
            Thread.sleep(100);
            long now = db.head();
            if (now != head) {
                head = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange >= stableFor.toNanos() && caughtUp(head)) {
                return Duration.ofNanos(lastChange - started);
            }
        }
        return null;
    }
}
