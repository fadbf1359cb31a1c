package io.eyrie.api.project;

import java.time.Instant;

/**
 * A deployment freeze of a scope, from {@code from} until {@code to}: deploy-family actions asked for meanwhile wait
 * in the queue until it ends, or are refused when {@code refuse}. An admin may override it, with a reason.
 */
public record Freeze(String name, Instant from, Instant to, boolean refuse) {
    public boolean covers(Instant at) {
        return !at.isBefore(from) && at.isBefore(to);
    }
}
