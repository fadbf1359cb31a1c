package io.eyrie.api.deployment;

import io.eyrie.api.book.JobState;
import io.eyrie.api.deployment.Release.ReleasedService;
import io.eyrie.api.project.Strategy;

import java.time.Instant;
import java.util.List;

/**
 * A release as dashboards show it. {@code active}: the one that runs now (exactly one per deployment, once one
 * succeeded); {@code outcome}: how the job that deployed it ended ({@code pending} while it runs), {@code succeeded}
 * for an adopted one; {@code pinned}: a rollback that stopped image pushes from redeploying.
 */
public record ReleaseView(int version, List<ReleasedService> services, String commitRef, String notes,
                          String initiator, Instant createdAt, boolean active, Integer rollbackOf, String jobId,
                          Strategy strategy, JobState outcome) {
}
