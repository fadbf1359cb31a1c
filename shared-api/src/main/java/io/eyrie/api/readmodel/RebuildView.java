package io.eyrie.api.readmodel;

import java.time.Instant;
import java.util.List;

/**
 * A rebuild under way or the last one. {@code phase}: idle, preparing, building, pausing (the live processor
 * stops so that the rebuild can pass it) or switching; {@code outcome}: running, done or cancelled. Progress counts
 * the events of the store the rebuild has passed; {@code etaSeconds} is null until the rate is known.
 */
public record RebuildView(String id, String phase, String outcome, List<String> readModels, String requestedBy,
                          String reason, Instant requestedAt, Instant startedAt, Instant finishedAt, long eventsDone,
                          long eventsTotal, double eventsPerSecond, Long etaSeconds, String cancelledBy,
                          String cancelReason, String error) {
}
