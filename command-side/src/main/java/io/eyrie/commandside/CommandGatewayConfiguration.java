package io.eyrie.commandside;

import io.eyrie.commandside.deployment.ActionQueueSettings;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Two requests that touch one aggregate at once collide on its event sequence; the loser is retried, and then
 * decided against the winner's state (for example refused because a job is now running) instead of failing.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ActionQueueSettings.class)
public class CommandGatewayConfiguration {

    /**
     * Every action loads its deployment twice (to accept it, and to record how its job ended): kept in memory, it
     * is read from the event store once. Another command service's append makes an entry stale; the append that
     * then conflicts drops it, and the retry below loads it afresh.
     */
    @Bean
    public Cache deploymentCache() {
        return new WeakReferenceCache();
    }

    /**
     * A deployment that lived long has many events (every action, job outcome and change): every 200, a snapshot,
     * so loading it after a restart or a cache eviction reads the snapshot and the events after it.
     */
    @Bean
    public SnapshotTriggerDefinition deploymentSnapshots(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, 200);
    }

    /** The command side touches a job only to create, cancel or expire it: not worth keeping. */
    @Bean
    public Cache jobCache() {
        return NoCache.INSTANCE;
    }

    /** Likewise for monitors: the command side creates, changes, starts and stops them, rarely. */
    @Bean(name = io.eyrie.monitor.Monitor.CACHE)
    public Cache monitorCache() {
        return NoCache.INSTANCE;
    }

    @Bean(destroyMethod = "shutdownNow")
    public ScheduledExecutorService commandRetryExecutor() {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("command-retry").daemon().factory());
    }

    @Bean
    public CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(IntervalRetryScheduler.builder()
                        .retryExecutor(commandRetryExecutor)
                        .retryInterval(20)
                        .maxRetryCount(5)
                        // Only a lost race is worth another try; a refusal or a duplicate stays what it is.
                        .nonTransientFailurePredicate(failure -> failure instanceof RuntimeException
                                && !(failure instanceof ConcurrencyException))
                        .build())
                .build();
    }
}
