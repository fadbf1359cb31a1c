package io.eyrie.queryside.deployment;

import io.eyrie.api.deployment.DeploymentSpec;
import io.eyrie.api.deployment.VersionView;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/** One version of one deployment, keyed by both, so recording it again writes the same document. */
@Document(VersionDocument.COLLECTION)
@CompoundIndex(name = "versions_by_deployment", def = "{'deploymentId': 1, 'version': -1}")
final class VersionDocument {
    static final String COLLECTION = "deployment_versions";

    @Id
    String id;
    String deploymentId;
    int version;
    List<String> changed;
    DeploymentSpec before;
    DeploymentSpec after;
    String changedBy;
    Instant changedAt;
    String correlationId;

    static VersionDocument of(String deploymentId, int version) {
        VersionDocument document = new VersionDocument();
        document.id = deploymentId + ":" + version;
        document.deploymentId = deploymentId;
        document.version = version;
        return document;
    }

    VersionView toView() {
        return new VersionView(version, changed, before, after, changedBy, changedAt, correlationId);
    }
}
