package io.eyrie.commandside.repository;

import io.eyrie.api.project.ProjectId;
import io.eyrie.api.repository.ImageId;
import io.eyrie.api.repository.ImagePushed;
import io.eyrie.api.repository.ImageRegistered;
import io.eyrie.api.repository.RecordImagePush;
import io.eyrie.api.repository.RepositoryId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** An image built from a repository, and where each of its tags points: a registry reports every push. */
@Aggregate(filterEventsByType = true)
public class Image {
    @AggregateIdentifier
    private ImageId id;
    private RepositoryId repository;
    private ProjectId project;
    private final Map<String, String> digests = new HashMap<>();

    protected Image() {
    }

    Image(ImageId id, RepositoryId repository, ProjectId project, String name) {
        apply(new ImageRegistered(id, repository, project, name));
    }

    /** A webhook that reports the same push twice records it once. */
    @CommandHandler
    public void handle(RecordImagePush command) {
        if (!command.digest().equals(digests.get(command.tag()))) {
            apply(new ImagePushed(id, repository, project, command.tag(), command.digest()));
        }
    }

    @EventSourcingHandler
    void on(ImageRegistered event) {
        this.id = event.image();
        this.repository = event.repository();
        this.project = event.project();
    }

    @EventSourcingHandler
    void on(ImagePushed event) {
        digests.put(event.tag(), event.digest());
    }
}
