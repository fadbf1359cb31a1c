package io.eyrie.api.book;

public record JobStepStarted(JobId jobId, int index, String step) {
}
