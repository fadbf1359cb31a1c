package io.eyrie.api.book;

/** The step will be tried again: {@code attempt} counts the failures that may pass. */
public record JobStepRetried(JobId jobId, int index, String step, String error, int attempt) {
}
