package io.eyrie.api.book;

public record BookStepFailed(RunId runId, JobId jobId, int index, String step, String error) {
}
