package io.eyrie.api.book;

/**
 * One step of a job, copied from its Book when the job was created, so later edits of the Book never change it.
 *
 * @param timeoutSeconds how long the step may take before it fails
 */
public record JobStep(String name, StepKind kind, long timeoutSeconds) {
}
