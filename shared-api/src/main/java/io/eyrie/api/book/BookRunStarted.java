package io.eyrie.api.book;

import java.util.List;

public record BookRunStarted(String runId, String jobId, String deploymentId, String book, String driver,
                             boolean simulated, List<String> steps) {
}
