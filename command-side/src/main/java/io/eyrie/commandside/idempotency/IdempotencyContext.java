package io.eyrie.commandside.idempotency;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Travels in the Reactor context of a POST with an Idempotency-Key: the command sender attaches {@link #request()}
 * to its command and marks {@link #committed()} once the command is stored, so that only that request's own
 * answer is kept for retries.
 */
public record IdempotencyContext(IdempotentRequest request, AtomicBoolean committed) {
}
