package io.eyrie.api.book;

public record JobStepFailed(JobId jobId, int index, String step, String error) {
}
