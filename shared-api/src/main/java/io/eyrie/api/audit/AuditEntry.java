package io.eyrie.api.audit;

import java.time.Instant;

/**
 * One stored event as an auditor reads it: where it is in the store, what happened, when, who asked, and the
 * request, job, timer or push it came from ({@code causationId}: the message that led to it). {@code hash} is its
 * link in its project's chain; {@code payload} is the event's fields as stored, as a JSON tree.
 */
public record AuditEntry(String position, String type, Instant time, String initiator, String correlationId,
                         String causationId, String aggregateId, Object payload, String hash) {
}
