package io.eyrie.api.deployment;

import io.eyrie.api.book.JobId;
import io.eyrie.api.project.ProjectId;

/**
 * An action's Book job was made and is the deployment's running job.
 *
 * @param release     the release the job deploys (recorded just before, or the active one it restores); null when
 *                    the action deploys none
 * @param restore     the job puts the active release back after a cancelled deploy
 * @param requestedBy who asked for the action; it may have waited in the queue behind someone else's job
 * @param reason      why it runs when it was not asked for by a person (a timer, an image push, a cancel), or null
 */
public record ActionStarted(DeploymentId deploymentId, ProjectId project, JobId jobId, Action action, String book,
                            String image, Integer release, boolean restore, String requestedBy, String reason,
                            DeploymentStatus status) {
}
