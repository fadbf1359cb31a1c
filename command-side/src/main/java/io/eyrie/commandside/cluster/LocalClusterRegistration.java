package io.eyrie.commandside.cluster;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.JobTarget;
import io.eyrie.api.cluster.ActOnCluster;
import io.eyrie.api.cluster.ChangeCluster;
import io.eyrie.api.cluster.ClusterAction;
import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.cluster.RegisterCluster;
import io.eyrie.commandside.directory.Directory;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * The local run's one cluster, {@code local}, registered and activated at start-up unless it exists. The local run
 * points it at its embedded Kubernetes API double, whose address may change between runs, so an existing
 * {@code local} is moved to the address of this run; without one it is {@code simulated://local}.
 */
@Component
@ConditionalOnProperty(name = "eyrie.local.register-cluster", havingValue = "true")
class LocalClusterRegistration implements ApplicationRunner {
    static final ClusterId LOCAL = new ClusterId("local");
    private static final Logger log = LoggerFactory.getLogger(LocalClusterRegistration.class);
    private static final MetaData SYSTEM = MetaData.with(AuditMetaData.INITIATOR, "system:local-setup")
            .and(AuditMetaData.CORRELATION_ID, "local-cluster-setup");

    private final CommandGateway commands;
    private final Directory directory;

    private final String apiServer;
    private final String credentialsRef;

    LocalClusterRegistration(CommandGateway commands, Directory directory,
                             @Value("${eyrie.local.cluster.api-server:simulated://local}") String apiServer,
                             @Value("${eyrie.local.cluster.credentials-ref:in-cluster}") String credentialsRef) {
        this.commands = commands;
        this.directory = directory;
        this.apiServer = apiServer;
        this.credentialsRef = credentialsRef;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (directory.clusterState(LOCAL).isPresent()) {
            JobTarget.Cluster current = directory.clusterTargets(List.of(LOCAL)).getFirst();
            if (!current.apiServer().equals(apiServer) || !current.credentialsRef().equals(credentialsRef)) {
                send(new ChangeCluster(LOCAL, apiServer, credentialsRef));
                log.info("Moved the cluster 'local' from {} to {}", current.apiServer(), apiServer);
            }
            return;
        }
        send(new RegisterCluster(LOCAL, UUID.randomUUID().toString(), "local", apiServer, credentialsRef));
        send(new ActOnCluster(LOCAL, ClusterAction.INIT));
        send(new ActOnCluster(LOCAL, ClusterAction.ACTIVATE));
        log.info("Registered the active cluster 'local' ({})", apiServer);
    }

    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(SYSTEM));
    }
}
