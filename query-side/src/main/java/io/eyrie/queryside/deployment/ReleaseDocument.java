package io.eyrie.queryside.deployment;

import io.eyrie.api.book.JobState;
import io.eyrie.api.deployment.Release;
import io.eyrie.api.deployment.ReleaseView;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/** One release of one deployment, keyed by both, so recording it again writes the same document. */
@Document(ReleaseDocument.COLLECTION)
@CompoundIndex(name = "releases_by_deployment", def = "{'deploymentId': 1, 'version': -1}")
final class ReleaseDocument {
    static final String COLLECTION = "deployment_releases";

    @Id
    String id;
    String deploymentId;
    int version;
    Release release;
    String initiator;
    Instant createdAt;
    JobState outcome;

    static String id(String deploymentId, int version) {
        return deploymentId + ":" + version;
    }

    static ReleaseDocument of(String deploymentId, Release release) {
        ReleaseDocument document = new ReleaseDocument();
        document.id = id(deploymentId, release.version());
        document.deploymentId = deploymentId;
        document.version = release.version();
        document.release = release;
        document.outcome = JobState.PENDING;
        return document;
    }

    /** Whether it is active is the card's to say: one field there, rather than one per release to keep in step. */
    ReleaseView toView(Integer activeRelease) {
        return new ReleaseView(version, release.services(), release.commitRef(), release.notes(), initiator,
                createdAt, activeRelease != null && activeRelease == version, release.rollbackOf(),
                release.jobId() == null ? null : release.jobId().value(), release.strategy(), outcome);
    }
}
