package io.eyrie.commandside.monitor;

import io.eyrie.api.deployment.ActionCompleted;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.InitialReleaseRecorded;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.id.Ids;
import io.eyrie.api.monitor.CreateMonitor;
import io.eyrie.api.monitor.MonitorId;
import io.eyrie.api.monitor.MonitorSpec;
import io.eyrie.api.monitor.MonitorType;
import io.eyrie.api.monitor.WatchMonitor;
import io.eyrie.commandside.directory.Directory;
import io.eyrie.commandside.directory.NameTakenException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts a deployment's monitors when a release of it runs and stops them when it pauses, drops or runs none, so a
 * paused deployment's monitors read {@code unknown} and nobody checks them. A monitor created before the event is
 * in the directory by then, since the deployment orders both; one created after it was told at creation. Sent twice,
 * a command changes nothing. When the scope asks for it, the first running release also gets a default monitor.
 */
@Component
@ProcessingGroup(MonitorWatch.GROUP)
public class MonitorWatch {
    public static final String GROUP = "monitor-watch";
    static final String DEFAULT_NAME = "service";
    private static final Logger log = LoggerFactory.getLogger(MonitorWatch.class);

    private final CommandGateway commands;
    private final Directory directory;

    MonitorWatch(CommandGateway commands, Directory directory) {
        this.commands = commands;
        this.directory = directory;
    }

    @EventHandler
    void on(ActionCompleted event) {
        boolean running = event.lifecycle() == Lifecycle.DEPLOY && event.activeRelease() != null;
        String reason = running ? "release " + event.activeRelease() + " runs (" + event.action().wire() + " done)"
                : event.lifecycle() == Lifecycle.DROPPED ? "deployment dropped"
                : event.lifecycle() == Lifecycle.PAUSE ? "deployment paused"
                : "no active release (lifecycle " + event.lifecycle().wire() + ")";
        watch(event.deploymentId(), running, reason);
        if (running) {
            createDefault(event.deploymentId());
        }
    }

    @EventHandler
    void on(InitialReleaseRecorded event) {
        watch(event.deploymentId(), true, "release 1 recorded as running");
    }

    /**
     * The scope's default monitor, an HTTP check of the deployment's first service, the first time a release runs.
     * Its id comes from the deployment's, so it is made once however often this runs; one removed stays removed.
     */
    private void createDefault(DeploymentId deployment) {
        MonitorId id = defaultMonitor(deployment);
        if (!directory.scopeMonitors(deployment) || directory.monitorExists(id)) {
            return;
        }
        try {
            commands.sendAndWait(new CreateMonitor(deployment, id, new MonitorSpec(MonitorType.HTTP_REQUEST, DEFAULT_NAME,
                    null, null, null, null, null, null, null, null, null, null, null, null)));
        } catch (NameTakenException taken) {
            log.info("Deployment {} has a monitor named '{}' already; its scope's default monitor is not added",
                    deployment.value(), DEFAULT_NAME);
        }
    }

    static MonitorId defaultMonitor(DeploymentId deployment) {
        return new MonitorId(Ids.uuidFrom("default monitor of " + deployment.value()));
    }

    private void watch(DeploymentId deployment, boolean checking, String reason) {
        for (MonitorId monitor : directory.monitorsOf(deployment)) {
            commands.sendAndWait(new WatchMonitor(monitor, checking, reason));
        }
    }
}
