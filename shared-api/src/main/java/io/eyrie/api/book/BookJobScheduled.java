package io.eyrie.api.book;

import io.eyrie.api.deployment.Action;

/** A Book job waits for a runner. */
public record BookJobScheduled(String jobId, String deploymentId, Action action, String book, String image) {
}
