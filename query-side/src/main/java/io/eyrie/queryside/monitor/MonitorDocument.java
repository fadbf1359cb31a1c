package io.eyrie.queryside.monitor;

import io.eyrie.api.monitor.MonitorSpec;
import io.eyrie.api.monitor.MonitorState;
import io.eyrie.api.monitor.MonitorView;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/** How a monitor is stored, changed in place by its projection. */
@Document(MonitorDocument.COLLECTION)
@CompoundIndex(name = "monitors_by_deployment", def = "{'deploymentId': 1, 'spec.name': 1}")
final class MonitorDocument {
    static final String COLLECTION = "monitors";

    @Id
    String id;
    String deploymentId;
    String project;
    MonitorSpec spec;
    /** The generation of the last change, so a replayed older change does not undo a newer one. */
    int generation;
    MonitorState state;
    String reason;
    Instant stateSince;
    String checkedBy;
    boolean checking;
    String checkingReason;
    String createdBy;
    Instant createdAt;
    String updatedBy;
    Instant updatedAt;

    static MonitorDocument withId(String id) {
        MonitorDocument monitor = new MonitorDocument();
        monitor.id = id;
        return monitor;
    }

    MonitorView toView() {
        return new MonitorView(id, deploymentId, project, spec, state, reason, stateSince, checkedBy, checking,
                checkingReason, createdBy, createdAt, updatedBy, updatedAt);
    }
}
