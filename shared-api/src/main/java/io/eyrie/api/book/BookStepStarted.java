package io.eyrie.api.book;

public record BookStepStarted(RunId runId, JobId jobId, int index, String step) {
}
