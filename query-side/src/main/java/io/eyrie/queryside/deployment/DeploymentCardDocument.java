package io.eyrie.queryside.deployment;

import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.deployment.ActionRules;
import io.eyrie.api.deployment.DeploymentCard;
import io.eyrie.api.deployment.DeploymentSpec;
import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.monitor.MonitorState;
import io.eyrie.api.project.Concurrency;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.Scope;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * How a deployment card is stored, changed in place by its projection. It keeps the ids of the running jobs rather
 * than their count: adding and removing a member can be repeated safely, while incrementing a counter cannot.
 */
@Document(DeploymentCardDocument.COLLECTION)
@CompoundIndex(name = "cards_by_group", def = "{'groupId': 1, 'name': 1}")
// A cluster's count of the living deployments that use it.
@CompoundIndex(name = "cards_by_cluster", def = "{'spec.clusters': 1, 'lifecycle': 1}")
final class DeploymentCardDocument implements io.eyrie.queryside.Revisioned {
    static final String COLLECTION = "deployment_cards";

    @Id
    String id;
    long revision;
    String name;
    String project;
    String groupId;
    String group;
    String type;
    DeploymentSpec spec;
    int version;
    String kubernetesNamespace;
    Lifecycle lifecycle;
    DeploymentStatus status;
    String error;
    List<String> runningJobIds = new ArrayList<>();
    List<String> queuedJobIds = new ArrayList<>();
    String lastJobId;
    Integer activeRelease;
    Integer pinnedAt;
    Instant pauseAt;
    Instant dropAt;
    /** Each monitor's state, by id: set and removed by id, so a replayed event changes nothing. */
    Map<String, MonitorState> monitors = new HashMap<>();
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

    void queued(String jobId) {
        if (!queuedJobIds.contains(jobId)) {
            queuedJobIds.add(jobId);
        }
    }

    void dequeued(String jobId) {
        queuedJobIds.remove(jobId);
    }

    void touchedBy(String initiator, Instant at) {
        updatedBy = initiator;
        updatedAt = at;
    }

    /** {@code scope} is read when the card is: a scope's change shows on every card at once. */
    DeploymentCard toCard(Optional<Scope> scope) {
        return new DeploymentCard(id, name, project, group, new GroupType(type), spec.scope(), lifecycle, status,
                error, runningJobIds.size(), queuedJobIds.size(), lastJobId, activeRelease, pinnedAt != null, pauseAt, dropAt,
                spec.image(), spec.branch(), spec.commitRef(),
                spec.repository() == null ? null : spec.repository().value(),
                spec.clusters().stream().map(ClusterId::value).toList(), spec.services(), spec.config(),
                spec.subscribeTo() == null ? null : spec.subscribeTo().value(), version, kubernetesNamespace,
                status == null || lifecycle == null ? List.of() : ActionRules.allowed(lifecycle, status,
                        scope.map(Scope::allowDrop).orElse(false),
                        scope.map(Scope::concurrency).orElse(Concurrency.QUEUE)), createdBy, createdAt,
                updatedBy, updatedAt, MonitorState.worst(monitors.values()), MonitorState.counts(monitors.values()));
    }

    @Override
    public long revision() {
        return revision;
    }

    @Override
    public void revision(long revision) {
        this.revision = revision;
    }
}
