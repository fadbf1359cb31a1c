package io.eyrie.commandside.cluster;

import io.eyrie.api.cluster.ActOnCluster;
import io.eyrie.api.cluster.ChangeCluster;
import io.eyrie.api.cluster.ClusterAction;
import io.eyrie.api.cluster.ClusterChanged;
import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.cluster.ClusterRegistered;
import io.eyrie.api.cluster.ClusterState;
import io.eyrie.api.cluster.ClusterStateChanged;
import io.eyrie.api.cluster.RegisterCluster;
import io.eyrie.commandside.directory.Directory;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A Kubernetes cluster shared by the whole platform. Its lifecycle follows the {@link ClusterAction} table; a cluster
 * that living deployments still use is not deleted. Its slug is its identity, so two clusters cannot share one.
 */
@Aggregate(filterEventsByType = true)
public class Cluster {
    @AggregateIdentifier
    private ClusterId id;
    private ClusterState state;
    private String apiServer;
    private String credentialsRef;

    protected Cluster() {
    }

    @CommandHandler
    public Cluster(RegisterCluster command) {
        apply(new ClusterRegistered(command.cluster(), command.uid(), command.name(), command.apiServer(),
                command.credentialsRef()));
    }

    @CommandHandler
    public void handle(ChangeCluster command) {
        String newApiServer = command.apiServer() == null ? apiServer : command.apiServer();
        String newCredentials = command.credentialsRef() == null ? credentialsRef : command.credentialsRef();
        if (state == ClusterState.DELETE) {
            throw new ClusterActionRefusedException("Cluster '" + id.value() + "' was deleted", state, 0);
        }
        if (!Objects.equals(newApiServer, apiServer) || !Objects.equals(newCredentials, credentialsRef)) {
            apply(new ClusterChanged(id, newApiServer, newCredentials));
        }
    }

    /** {@code directory} tells how many deployments use the cluster, locking its row against new ones meanwhile. */
    @CommandHandler
    public void handle(ActOnCluster command, Directory directory) {
        ClusterAction action = command.action();
        if (!action.allowedFrom(state)) {
            throw new ClusterActionRefusedException("Action '" + action.wire() + "' is not allowed on cluster '"
                    + id.value() + "' in state '" + state.wire() + "'", state, 0);
        }
        if (action == ClusterAction.DELETE) {
            long using = directory.lockClusterUsage(id);
            if (using > 0) {
                throw new ClusterActionRefusedException("Cluster '" + id.value() + "' is still used by " + using
                        + " deployment(s); move or drop them first", state, using);
            }
        }
        apply(new ClusterStateChanged(id, action, state, action.target()));
    }

    @EventSourcingHandler
    void on(ClusterRegistered event) {
        this.id = event.cluster();
        this.state = ClusterState.DRAFT;
        this.apiServer = event.apiServer();
        this.credentialsRef = event.credentialsRef();
    }

    @EventSourcingHandler
    void on(ClusterChanged event) {
        this.apiServer = event.apiServer();
        this.credentialsRef = event.credentialsRef();
    }

    @EventSourcingHandler
    void on(ClusterStateChanged event) {
        this.state = event.to();
    }
}
