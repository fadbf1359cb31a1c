package io.eyrie.commandside.book;

import io.eyrie.api.cluster.ActOnCluster;
import io.eyrie.api.cluster.ClusterAction;
import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.cluster.RegisterCluster;
import io.eyrie.api.deployment.CreateDeployment;
import io.eyrie.api.deployment.DeploymentSettings;
import io.eyrie.api.project.CreateDeploymentGroup;
import io.eyrie.api.project.CreateProject;
import io.eyrie.api.project.GroupDefaults;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectId;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

import java.util.List;
import java.util.Map;

import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.group;

/** The smallest world an action runs in: project acme, the active cluster local, group web and deployment d-1. */
public final class OneDeployment {
    private OneDeployment() {
    }

    public static void create(CommandGateway commands, MetaData audit) {
        ProjectId acme = new ProjectId("acme");
        for (Object command : List.of(
                new CreateProject(acme, "Acme", "alice", java.util.UUID.randomUUID().toString()),
                new RegisterCluster(new ClusterId("local"), "uid", "local", "simulated://local", "in-cluster"),
                new ActOnCluster(new ClusterId("local"), ClusterAction.INIT),
                new ActOnCluster(new ClusterId("local"), ClusterAction.ACTIVATE),
                new CreateDeploymentGroup(acme, group("web"), "web", GroupType.NONE, List.of(new ClusterId("local")),
                        GroupDefaults.NONE, Map.of(), List.of()),
                new CreateDeployment(group("web"), deployment("d-1"), "shop", new DeploymentSettings(null, null, null,
                        null, "nginx:1.27", null, null, null, null)))) {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(audit));
        }
    }
}
