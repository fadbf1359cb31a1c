package io.eyrie.api.book;

import io.eyrie.api.deployment.Action;

public record ScheduleBookJob(String jobId, String deploymentId, Action action, String book, String image) {
}
