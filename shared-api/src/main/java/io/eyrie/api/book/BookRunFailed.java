package io.eyrie.api.book;

public record BookRunFailed(String runId, String jobId, String deploymentId, String error) {
}
