package io.eyrie.queryside.grouprun;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.grouprun.FindGroupRun;
import io.eyrie.api.grouprun.GroupActionEnded;
import io.eyrie.api.grouprun.GroupActionStarted;
import io.eyrie.api.grouprun.GroupMember;
import io.eyrie.api.grouprun.GroupMemberEnded;
import io.eyrie.api.grouprun.GroupRunView;
import io.eyrie.api.grouprun.GroupStageStarted;
import io.eyrie.api.grouprun.ListGroupRuns;
import io.eyrie.api.query.Page;
import io.eyrie.queryside.web.Cursors;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import io.eyrie.queryside.ReadModelBatch;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import java.util.Optional;
import java.util.function.Consumer;

/** Group actions, stage by stage, for the group's page. */
@Component
@ProcessingGroup("dashboard-catalog")
public class GroupRunProjection {
    private final MongoTemplate mongo;

    public GroupRunProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    public void on(GroupActionStarted event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        GroupRunDocument run = runs().findOrCreate(event.runId().value(), id -> {
            GroupRunDocument created = new GroupRunDocument();
            created.id = id;
            return created;
        });
        run.project = event.project().value();
        run.group = event.groupName();
        run.action = event.action();
        run.state = "running";
        run.startedBy = initiator;
        run.startedAt = at;
        run.members.clear();
        for (GroupMember member : event.members()) {
            GroupRunDocument.Member row = new GroupRunDocument.Member();
            row.name = member.name();
            row.deploymentId = member.deploymentId().value();
            row.jobId = member.jobId().value();
            row.stage = member.stage();
            run.members.add(row);
        }
        runs().save(run);
    }

    @EventHandler
    public void on(GroupStageStarted event) {
        change(event.runId().value(), run -> run.runningStage = event.stage());
    }

    @EventHandler
    public void on(GroupMemberEnded event) {
        change(event.runId().value(), run -> run.members.stream()
                .filter(member -> member.deploymentId.equals(event.deploymentId().value()))
                .forEach(member -> {
                    member.outcome = event.outcome();
                    member.detail = event.detail();
                }));
    }

    @EventHandler
    public void on(GroupActionEnded event, @Timestamp Instant at) {
        change(event.runId().value(), run -> {
            run.state = event.succeeded() ? "succeeded" : "failed";
            run.reason = event.reason();
            run.runningStage = null;
            run.endedAt = at;
        });
    }

    @QueryHandler
    public Optional<GroupRunView> handle(FindGroupRun query) {
        return Optional.ofNullable(mongo.findById(query.runId().value(), GroupRunDocument.class))
                .filter(run -> query.project().value().equals(run.project) && query.group().equals(run.group))
                .map(GroupRunDocument::toView);
    }

    /** Newest first; the cursor is the last run's start and id, so runs started at one instant page in a fixed order. */
    @QueryHandler
    public Page<GroupRunView> handle(ListGroupRuns query) {
        Criteria ofGroup = where("project").is(query.project().value()).and("group").is(query.group());
        Query page = Query.query(ofGroup).with(Sort.by(Sort.Order.desc("startedAt"), Sort.Order.desc("_id")))
                .limit(query.page().limit() + 1);
        if (query.page().after() != null) {
            String[] last = Cursors.parts(query.page().after(), 2);
            Instant at = Cursors.instant(last[0]);
            page.addCriteria(new Criteria().orOperator(where("startedAt").lt(at),
                    where("startedAt").is(at).and("_id").lt(last[1])));
        }
        return Cursors.page(mongo.find(page, GroupRunDocument.class), query.page().limit(), GroupRunDocument::toView,
                run -> run.startedAt() + "|" + run.id(), mongo.count(Query.query(ofGroup), GroupRunDocument.class));
    }

    /** A run's events follow its GroupActionStarted in its own stream. */
    private void change(String id, Consumer<GroupRunDocument> edit) {
        GroupRunDocument run = runs().find(id).orElseThrow(() -> new IllegalStateException(
                "group run " + id + " has no document: its GroupActionStarted was not handled"));
        edit.accept(run);
        runs().save(run);
    }

    private ReadModelBatch<GroupRunDocument> runs() {
        return ReadModelBatch.current(mongo, GroupRunDocument.class, document -> document.id);
    }
}
