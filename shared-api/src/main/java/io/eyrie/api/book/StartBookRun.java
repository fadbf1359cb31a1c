package io.eyrie.api.book;

import java.util.List;

/** A runner claims a job and announces the steps it will run, through {@code driver}. */
public record StartBookRun(String runId, String jobId, String deploymentId, String book, String driver,
                           boolean simulated, List<String> steps) {
}
