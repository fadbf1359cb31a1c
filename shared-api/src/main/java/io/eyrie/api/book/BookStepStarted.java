package io.eyrie.api.book;

public record BookStepStarted(String runId, String jobId, int index, String step) {
}
