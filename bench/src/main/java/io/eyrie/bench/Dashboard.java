package io.eyrie.bench;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The query side's "dashboard" event processor, reached in-process: the processor that feeds the read models,
 * with a rebuild (reset and replay of every event in the store) and a wait for the system to go quiet.
 */
final class Dashboard {
    static final String PROCESSOR = "dashboard";

    private final StreamingEventProcessor processor;

    /** How the rebuild went: {@code events} rows were in the store, the last at {@code head}. */
    record Rebuild(long events, long head, long nanos, boolean caughtUp) {
        double eventsPerSecond() {
            return nanos == 0 ? 0 : events * 1e9 / nanos;
        }
    }

    Dashboard(ConfigurableApplicationContext querySide) {
        this.processor = querySide.getBean(EventProcessingConfiguration.class)
                .eventProcessor(PROCESSOR, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("the query side has no streaming processor named " + PROCESSOR));
    }

    String type() {
        return processor.getClass().getSimpleName();
    }

    /**
     * Stops the processor, resets its tokens (which runs the projections' reset handlers), starts it, and times
     * until every segment's token has reached the head of the store. Replays every event in the store; the
     * projections skip the ones they have no handler for.
     */
    Rebuild rebuild(EventStoreDb db, Duration limit) throws Exception {
        processor.shutDown();
        long head = db.head();
        long events = db.count();
        Instant deadline = Instant.now().plus(limit);
        long started = System.nanoTime();
        processor.resetTokens();
        processor.start();
        while (Instant.now().isBefore(deadline)) {
            if (caughtUp(head)) {
                return new Rebuild(events, head, System.nanoTime() - started, true);
            }
            Thread.sleep(2);
        }
        return new Rebuild(events, head, System.nanoTime() - started, false);
    }

    /** True when the claimed segments cover the whole stream and each has processed up to {@code head}. */
    boolean caughtUp(long head) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty()) {
            return false;
        }
        double covered = 0;
        for (EventTrackerStatus segment : status.values()) {
            if (segment.isErrorState()) {
                throw new IllegalStateException("the dashboard processor failed on segment "
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
