package io.eyrie.commandside.repository;

import io.eyrie.api.project.ProjectId;
import io.eyrie.api.repository.AddBranch;
import io.eyrie.api.repository.ArchiveRepository;
import io.eyrie.api.repository.BranchAdded;
import io.eyrie.api.repository.BranchRemoved;
import io.eyrie.api.repository.RegisterImage;
import io.eyrie.api.repository.RegisterRepository;
import io.eyrie.api.repository.RemoveBranch;
import io.eyrie.api.repository.RepositoryArchived;
import io.eyrie.api.repository.RepositoryId;
import io.eyrie.api.repository.RepositoryRegistered;
import io.eyrie.commandside.directory.Directory;
import io.eyrie.commandside.project.GroupRuleException;
import io.eyrie.platform.web.NotFoundException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

/**
 * A git repository, of one project or platform-wide, optionally for one group type only. It keeps its branches and
 * creates the images built from it; an archived one takes neither.
 */
@Aggregate(filterEventsByType = true)
public class Repository {
    @AggregateIdentifier
    private RepositoryId id;
    private ProjectId project;
    private final Set<String> branches = new HashSet<>();
    private boolean archived;

    protected Repository() {
    }

    @CommandHandler
    public Repository(RegisterRepository command, Directory directory) {
        if (command.project() != null) {
            directory.requireLiveProject(command.project());
        }
        apply(new RepositoryRegistered(command.repository(), command.url(), command.project(), command.type()));
    }

    /** Adding a branch it has changes nothing. */
    @CommandHandler
    public void handle(AddBranch command) {
        requireLive();
        if (!branches.contains(command.name())) {
            apply(new BranchAdded(id, project, command.name()));
        }
    }

    @CommandHandler
    public void handle(RemoveBranch command) {
        if (!branches.contains(command.name())) {
            throw new NotFoundException("No branch '" + command.name() + "' in repository " + id.value());
        }
        apply(new BranchRemoved(id, project, command.name()));
    }

    /** Image names are unique in a repository through the directory's names. */
    @CommandHandler
    public void handle(RegisterImage command) throws Exception {
        requireLive();
        createNew(Image.class, () -> new Image(command.image(), id, project, command.name()));
    }

    @CommandHandler
    public void handle(ArchiveRepository command) {
        if (!archived) {
            apply(new RepositoryArchived(id, project));
        }
    }

    private void requireLive() {
        if (archived) {
            throw new GroupRuleException("repository-archived", "Repository " + id.value() + " is archived");
        }
    }

    @EventSourcingHandler
    void on(RepositoryRegistered event) {
        this.id = event.repository();
        this.project = event.project();
    }

    @EventSourcingHandler
    void on(BranchAdded event) {
        branches.add(event.name());
    }

    @EventSourcingHandler
    void on(BranchRemoved event) {
        branches.remove(event.name());
    }

    @EventSourcingHandler
    void on(RepositoryArchived event) {
        this.archived = true;
    }
}
