package io.eyrie.commandside.cluster;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.cluster.ActOnCluster;
import io.eyrie.api.cluster.ClusterAction;
import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.cluster.RegisterCluster;
import io.eyrie.commandside.directory.Directory;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * The local run's one cluster, {@code local}, registered and activated at start-up unless it exists. It is served by
 * the runner's simulated driver, and says so in its API server, {@code simulated://local}.
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

    LocalClusterRegistration(CommandGateway commands, Directory directory) {
        this.commands = commands;
        this.directory = directory;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (directory.clusterState(LOCAL).isPresent()) {
            return;
        }
        send(new RegisterCluster(LOCAL, UUID.randomUUID().toString(), "local", "simulated://local", "in-cluster"));
        send(new ActOnCluster(LOCAL, ClusterAction.INIT));
        send(new ActOnCluster(LOCAL, ClusterAction.ACTIVATE));
        log.info("Registered the active cluster 'local' (simulated://local)");
    }

    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(SYSTEM));
    }
}
