package io.eyrie.api.book;

public record BookStepFailed(String runId, String jobId, int index, String step, String error) {
}
