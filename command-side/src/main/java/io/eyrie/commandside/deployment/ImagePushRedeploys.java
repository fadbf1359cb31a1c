package io.eyrie.commandside.deployment;

import io.eyrie.api.book.JobId;
import io.eyrie.api.deployment.DeployPushedImage;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.id.Ids;
import io.eyrie.api.repository.ImagePushed;
import io.eyrie.commandside.directory.Directory;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/**
 * A registry push redeploys every subscribed deployment; each deployment decides whether it may (it is deployed and
 * not pinned) and records the push as the reason. The job id is derived from the push and the deployment, so a
 * push handled twice asks for the same job, which the deployment merges or finds unchanged.
 */
@Component
@ProcessingGroup(ImagePushRedeploys.GROUP)
public class ImagePushRedeploys {
    public static final String GROUP = "image-pushes";

    private final CommandGateway commands;
    private final Directory directory;

    ImagePushRedeploys(CommandGateway commands, Directory directory) {
        this.commands = commands;
        this.directory = directory;
    }

    @EventHandler
    void on(ImagePushed event, EventMessage<?> message) {
        String name = directory.latestPush(event.image()).map(Directory.LatestPush::name).orElse(null);
        for (DeploymentId subscriber : directory.subscribers(event.image())) {
            JobId job = new JobId(Ids.uuidFrom(message.getIdentifier() + "/" + subscriber.value()));
            commands.sendAndWait(new DeployPushedImage(subscriber, job, name, event.tag(), event.digest()));
        }
    }
}
