package io.eyrie.api.book;

public record BookStepSucceeded(RunId runId, JobId jobId, int index, String step, String detail) {
}
