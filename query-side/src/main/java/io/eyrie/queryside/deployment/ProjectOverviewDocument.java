package io.eyrie.queryside.deployment;

import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.deployment.Lifecycle;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A project's overview, one document per project: the few fields of each of its living cards that the overview
 * counts, set whenever the card is written (never the whole document replaced: it grows with the project) and
 * removed when the deployment is dropped. Each entry is the card's latest state, never a running count, so a batch
 * applied twice leaves it as it was; the counts are made when it is read.
 */
@Document(ProjectOverviewDocument.COLLECTION)
final class ProjectOverviewDocument {
    static final String COLLECTION = "project_overviews";

    @Id
    String project;
    Map<String, Entry> deployments = new HashMap<>();

    static final class Entry {
        String name;
        String group;
        Lifecycle lifecycle;
        DeploymentStatus status;
        String error;
        int runningJobs;
        int queuedJobs;
        Instant updatedAt;

        /** What the overview counts of the card. */
        static Entry of(DeploymentCardDocument card) {
            Entry entry = new Entry();
            entry.name = card.name;
            entry.group = card.group;
            entry.lifecycle = card.lifecycle;
            entry.status = card.status;
            entry.error = card.error;
            entry.runningJobs = card.runningJobIds.size();
            entry.queuedJobs = card.queuedJobIds.size();
            entry.updatedAt = card.updatedAt;
            return entry;
        }

        boolean living() {
            return lifecycle != Lifecycle.DROPPED;
        }
    }

}
