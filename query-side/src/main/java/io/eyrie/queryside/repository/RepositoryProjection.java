package io.eyrie.queryside.repository;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.query.Page;
import io.eyrie.api.repository.BranchAdded;
import io.eyrie.api.repository.BranchRemoved;
import io.eyrie.api.repository.FindImage;
import io.eyrie.api.repository.FindRepository;
import io.eyrie.api.repository.ImagePushed;
import io.eyrie.api.repository.ImageRegistered;
import io.eyrie.api.repository.ImageView;
import io.eyrie.api.repository.ListRepositories;
import io.eyrie.api.repository.ListRepositoryImages;
import io.eyrie.api.repository.RepositoryArchived;
import io.eyrie.api.repository.RepositoryRegistered;
import io.eyrie.api.repository.RepositoryView;
import io.eyrie.queryside.ReadModelBatch;
import io.eyrie.queryside.rebuild.ReadModelTemplate;
import io.eyrie.queryside.web.Cursors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Repositories with their branches and images, and each image with every push. */
@Component
@ProcessingGroup("dashboard-catalog")
public class RepositoryProjection {
    private final MongoTemplate mongo;

    public RepositoryProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    public void on(RepositoryRegistered event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        RepositoryDocument repository = repositories().findOrCreate(event.repository().value(), RepositoryDocument::withId);
        repository.url = event.url();
        repository.project = event.project() == null ? null : event.project().value();
        repository.type = event.type() == null ? null : event.type().wire();
        repository.createdBy = initiator;
        repository.createdAt = at;
        repository.updatedBy = initiator;
        repository.updatedAt = at;
        repositories().save(repository);
    }

    @EventHandler
    public void on(BranchAdded event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator, @Timestamp Instant at) {
        change(event.repository().value(), initiator, at, repository -> repository.branches.add(event.name()));
    }

    @EventHandler
    public void on(BranchRemoved event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator, @Timestamp Instant at) {
        change(event.repository().value(), initiator, at, repository -> repository.branches.remove(event.name()));
    }

    @EventHandler
    public void on(RepositoryArchived event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        change(event.repository().value(), initiator, at, repository -> repository.archived = true);
    }

    @EventHandler
    public void on(ImageRegistered event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator,
                   @Timestamp Instant at) {
        ImageDocument image = images().findOrCreate(event.image().value(), ImageDocument::withId);
        image.name = event.name();
        image.repository = event.repository().value();
        image.project = event.project() == null ? null : event.project().value();
        image.createdBy = initiator;
        image.createdAt = at;
        images().save(image);
        change(event.repository().value(), initiator, at, repository -> {
            var summary = new RepositoryView.ImageSummary(event.image().value(), event.name());
            if (!repository.images.contains(summary)) {
                repository.images.add(summary);
            }
        });
    }

    /** The same push handled again is recognised by its tag, digest and time, and not added twice. */
    @EventHandler
    public void on(ImagePushed event, @MetaDataValue(AuditMetaData.INITIATOR) String initiator, @Timestamp Instant at) {
        images().find(event.image().value()).ifPresent(image -> {
            var push = new ImageView.Push(event.tag(), event.digest(), initiator, at);
            if (!image.pushes.contains(push)) {
                image.pushes.add(0, push);
                images().save(image);
            }
        });
    }

    @QueryHandler
    public Optional<RepositoryView> handle(FindRepository query) {
        return Optional.ofNullable(mongo.findById(query.repository().value(), RepositoryDocument.class))
                .map(RepositoryDocument::toView);
    }

    @QueryHandler
    public Optional<ImageView> handle(FindImage query) {
        return Optional.ofNullable(mongo.findById(query.image().value(), ImageDocument.class)).map(ImageDocument::toView);
    }

    /** By URL, then id: the cursor holds both. */
    @QueryHandler
    public Page<RepositoryView> handle(ListRepositories query) {
        Criteria visible;
        if (query.project() != null) {
            visible = new Criteria().orOperator(where("project").is(query.project()), where("project").is(null));
        } else if (query.platformAdmin()) {
            visible = new Criteria();
        } else {
            List<String> mine = memberOf(query.user());
            visible = new Criteria().orOperator(where("project").in(mine), where("project").is(null));
        }
        Query page = Query.query(visible).with(Sort.by("url", "_id")).limit(query.page().limit() + 1);
        if (query.page().after() != null) {
            String[] last = Cursors.parts(query.page().after(), 2);
            page.addCriteria(new Criteria().orOperator(where("url").gt(last[0]),
                    where("url").is(last[0]).and("_id").gt(last[1])));
        }
        List<RepositoryDocument> found = mongo.find(page, RepositoryDocument.class);
        return Cursors.page(found, query.page().limit(), RepositoryDocument::toView,
                repository -> repository.url() + "|" + repository.id(),
                mongo.count(Query.query(visible), RepositoryDocument.class));
    }

    @QueryHandler
    public Page<ImageView> handle(ListRepositoryImages query) {
        Criteria ofRepository = where("repository").is(query.repository().value());
        Query page = Query.query(ofRepository).with(Sort.by("name")).limit(query.page().limit() + 1);
        if (query.page().after() != null) {
            page.addCriteria(where("name").gt(query.page().after()));
        }
        List<ImageDocument> found = mongo.find(page, ImageDocument.class);
        return Cursors.page(found, query.page().limit(), ImageDocument::toView, ImageView::name,
                mongo.count(Query.query(ofRepository), ImageDocument.class));
    }

    private List<String> memberOf(String user) {
        Document mine = mongo.findById(user, Document.class, ReadModelTemplate.collection(mongo, "user_projects"));
        return mine == null ? List.of() : new ArrayList<>(mine.getList("projects", String.class));
    }

    private void change(String id, String initiator, Instant at, Consumer<RepositoryDocument> edit) {
        repositories().find(id).ifPresent(repository -> {
            edit.accept(repository);
            repository.updatedBy = initiator;
            repository.updatedAt = at;
            repositories().save(repository);
        });
    }

    private ReadModelBatch<RepositoryDocument> repositories() {
        return ReadModelBatch.current(mongo, RepositoryDocument.class, repository -> repository.id);
    }

    private ReadModelBatch<ImageDocument> images() {
        return ReadModelBatch.current(mongo, ImageDocument.class, image -> image.id);
    }
}
