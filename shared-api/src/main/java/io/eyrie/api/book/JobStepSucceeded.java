package io.eyrie.api.book;

public record JobStepSucceeded(JobId jobId, int index, String step, String detail) {
}
