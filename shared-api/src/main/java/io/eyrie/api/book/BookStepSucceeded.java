package io.eyrie.api.book;

public record BookStepSucceeded(String runId, String jobId, int index, String step, String detail) {
}
