package io.eyrie.api.book;

import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.project.ProjectId;

import java.util.List;

/**
 * A deployment's action made a job, waiting for a runner (state {@code pending}). It carries everything a runner
 * needs, the steps of the Book's version included; it expires {@code timeoutSeconds} after it was created unless it has finished.
 */
public record JobCreated(JobId jobId, DeploymentId deploymentId, ProjectId project, Action action, String book,
                         int bookVersion, String image, JobTarget target, List<JobStep> steps,
                         long timeoutSeconds) {
}
