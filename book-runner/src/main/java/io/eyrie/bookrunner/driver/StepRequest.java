package io.eyrie.bookrunner.driver;

import io.eyrie.api.book.JobStep;
import io.eyrie.api.book.JobTarget;

import java.time.Instant;

/**
 * One step of a Book, for one deployment, in job {@code jobId}. {@code image} is the container image the deployment runs; {@code target}
 * where and what to apply; {@code startedAt} is when the step first started, which a step that waits for the
 * cluster measures from.
 */
public record StepRequest(String jobId, String deploymentId, String book, JobStep step, String image, Instant startedAt,
                          JobTarget target) {
}
