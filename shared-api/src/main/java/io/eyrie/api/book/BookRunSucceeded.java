package io.eyrie.api.book;

public record BookRunSucceeded(String runId, String jobId, String deploymentId) {
}
