package io.eyrie.api.book;

/** {@code runner} is the runner that started it. */
public record JobStepStarted(JobId jobId, int index, String step, String runner) {
}
