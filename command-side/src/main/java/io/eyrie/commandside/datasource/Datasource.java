package io.eyrie.commandside.datasource;

import io.eyrie.api.datasource.ChangeDatasource;
import io.eyrie.api.datasource.DatasourceChanged;
import io.eyrie.api.datasource.DatasourceId;
import io.eyrie.api.datasource.DatasourceRegistered;
import io.eyrie.api.datasource.DatasourceRemoved;
import io.eyrie.api.datasource.RegisterDatasource;
import io.eyrie.api.datasource.RemoveDatasource;
import io.eyrie.api.project.ProjectId;
import io.eyrie.commandside.directory.Directory;
import io.eyrie.commandside.project.GroupRuleException;
import io.eyrie.platform.web.NotFoundException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** An external data store of a project, such as a backup bucket. One that a scope backs up to is not removed. */
@Aggregate(filterEventsByType = true)
public class Datasource {
    @AggregateIdentifier
    private DatasourceId id;
    private ProjectId project;
    private String name;
    private String endpoint;
    private String credentialsRef;
    private boolean removed;

    protected Datasource() {
    }

    @CommandHandler
    public Datasource(RegisterDatasource command, Directory directory) {
        directory.requireLiveProject(command.project());
        apply(new DatasourceRegistered(command.datasource(), command.project(), command.name(), command.dataType(),
                command.usage(), command.endpoint(), command.credentialsRef()));
    }

    @CommandHandler
    public void handle(ChangeDatasource command) {
        requireLive();
        String newEndpoint = command.endpoint() == null ? endpoint : command.endpoint();
        String newCredentials = command.credentialsRef() == null ? credentialsRef : command.credentialsRef();
        if (!Objects.equals(newEndpoint, endpoint) || !Objects.equals(newCredentials, credentialsRef)) {
            apply(new DatasourceChanged(id, project, newEndpoint, newCredentials));
        }
    }

    @CommandHandler
    public void handle(RemoveDatasource command, Directory directory) {
        requireLive();
        long scopes = directory.scopesBackingUpTo(id);
        if (scopes > 0) {
            throw new GroupRuleException("datasource-in-use", "Datasource '" + name + "' is the backup destination of "
                    + scopes + " scope(s); point them elsewhere first");
        }
        apply(new DatasourceRemoved(id, project, name));
    }

    private void requireLive() {
        if (removed) {
            throw new NotFoundException("datasource", id.value());
        }
    }

    @EventSourcingHandler
    void on(DatasourceRegistered event) {
        this.id = event.datasource();
        this.project = event.project();
        this.name = event.name();
        this.endpoint = event.endpoint();
        this.credentialsRef = event.credentialsRef();
    }

    @EventSourcingHandler
    void on(DatasourceChanged event) {
        this.endpoint = event.endpoint();
        this.credentialsRef = event.credentialsRef();
    }

    @EventSourcingHandler
    void on(DatasourceRemoved event) {
        this.removed = true;
    }
}
