package io.eyrie.queryside.deployment;

import io.eyrie.api.deployment.DeploymentCard;
import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.project.GroupType;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How a deployment card is stored, changed in place by its projection. It keeps the ids of the running jobs rather
 * than their count: adding and removing a member can be repeated safely, while incrementing a counter cannot.
 */
@Document(DeploymentCardDocument.COLLECTION)
final class DeploymentCardDocument {
    static final String COLLECTION = "deployment_cards";

    @Id
    String id;
    String name;
    String project;
    String group;
    String type;
    String scope;
    String image;
    Lifecycle lifecycle;
    DeploymentStatus status;
    String error;
    List<String> runningJobIds = new ArrayList<>();
    String lastJobId;
    String createdBy;
    Instant createdAt;
    String updatedBy;
    Instant updatedAt;

    static DeploymentCardDocument withId(String id) {
        DeploymentCardDocument card = new DeploymentCardDocument();
        card.id = id;
        return card;
    }

    void jobStarted(String jobId) {
        if (!runningJobIds.contains(jobId)) {
            runningJobIds.add(jobId);
        }
    }

    void jobEnded(String jobId) {
        runningJobIds.remove(jobId);
    }

    void touchedBy(String initiator, Instant at) {
        updatedBy = initiator;
        updatedAt = at;
    }

    DeploymentCard toCard() {
        return new DeploymentCard(id, name, project, group, new GroupType(type), scope, image, lifecycle, status, error,
                runningJobIds.size(), lastJobId, createdBy, createdAt, updatedBy, updatedAt);
    }
}
