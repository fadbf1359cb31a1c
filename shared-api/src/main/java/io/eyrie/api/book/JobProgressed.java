package io.eyrie.api.book;

import java.util.Map;

/** The running step {@code index} has come {@code percent} of its way; {@code services}: each service's state. */
public record JobProgressed(JobId jobId, int index, int percent, String phase, Map<String, JobState> services) {
}
