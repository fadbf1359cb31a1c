package io.eyrie.api.book;

import java.util.Map;

/**
 * One step of a job, copied from its Book when the job was created, so later edits of the Book never change it.
 *
 * @param estimatedSeconds what the job expects it to take, for its ETA
 * @param timeoutSeconds   how long the step may take before it fails
 */
public record JobStep(String name, StepKind kind, Map<String, String> with, long estimatedSeconds,
                      long timeoutSeconds) {
    public JobStep {
        with = with == null ? Map.of() : Map.copyOf(with);
    }
}
