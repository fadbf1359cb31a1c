package io.eyrie.api.book;

import io.eyrie.api.deployment.Action;

/** Creates the Book job {@code jobId}; sent by the saga that coordinates the deployment's action. */
public record ScheduleBookJob(String jobId, String deploymentId, Action action, String book, String image) {
}
