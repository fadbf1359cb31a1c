package io.eyrie.api.deployment;

import java.time.Instant;

/** A scope timer came due but its action could not be taken (the scope refuses to queue, the queue is full, ...). */
public record ScopeTimerSkipped(DeploymentId deploymentId, Action action, Instant dueAt, String reason) {
}
