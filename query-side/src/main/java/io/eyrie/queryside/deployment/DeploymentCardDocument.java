package io.eyrie.queryside.deployment;

import io.eyrie.api.deployment.DeploymentCard;
import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.project.GroupType;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.Set;

/**
 * How a deployment card is stored. It keeps the ids of the running jobs rather than their count: adding and
 * removing a set member can be repeated safely, while incrementing a counter cannot.
 */
@Document(DeploymentCardDocument.COLLECTION)
record DeploymentCardDocument(@Id String id, String name, String project, String group, GroupType type,
                              String scope, String image, Lifecycle lifecycle, DeploymentStatus status,
                              String error, Set<String> runningJobIds, String lastJobId, String createdBy,
                              Instant createdAt, String updatedBy, Instant updatedAt) {

    static final String COLLECTION = "deployment_cards";

    DeploymentCard toCard() {
        return new DeploymentCard(id, name, project, group, type, scope, image, lifecycle, status, error,
                runningJobIds == null ? 0 : runningJobIds.size(), lastJobId, createdBy, createdAt, updatedBy,
                updatedAt);
    }
}
