package io.eyrie.commandside.deployment;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient.ScheduleOptions;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.eyrie.api.AuditMetaData;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionCompleted;
import io.eyrie.api.deployment.ActionQueued;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.FireScopeTimer;
import io.eyrie.api.deployment.QueueHeld;
import io.eyrie.api.deployment.ResumeQueue;
import io.eyrie.api.deployment.ScopeTimerSkipped;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.UUID;

/**
 * A scope's timers, kept by db-scheduler in PostgreSQL so they survive restarts: one task per deployment and timer,
 * rescheduled in the transaction of the event that moves it, and fired as {@code system}. The deployment itself
 * decides whether the timer is still its own (a deploy since then moved it), so a late or repeated firing is harmless.
 */
@Component
@ProcessingGroup(ScopeTimers.GROUP)
public class ScopeTimers {
    public static final String GROUP = "scope-timers";
    static final String PAUSE_TASK = "scope-timer-pause";
    static final String DROP_TASK = "scope-timer-drop";
    static final String FREEZE_TASK = "freeze-end";

    private final Scheduler scheduler;

    ScopeTimers(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @EventHandler
    void on(ActionCompleted event) {
        set(PAUSE_TASK, event.deploymentId(), event.pauseAt());
        set(DROP_TASK, event.deploymentId(), event.dropAt());
    }

    /** A freeze holds the queue: wake the deployment when it ends. */
    @EventHandler
    void on(ActionQueued event) {
        if (event.heldUntil() != null) {
            set(FREEZE_TASK, event.deploymentId(), event.heldUntil());
        }
    }

    @EventHandler
    void on(QueueHeld event) {
        set(FREEZE_TASK, event.deploymentId(), event.until());
    }

    @EventHandler
    void on(ScopeTimerSkipped event) {
        set(event.action() == Action.PAUSE ? PAUSE_TASK : DROP_TASK, event.deploymentId(), null);
    }

    private void set(String task, DeploymentId deployment, Instant at) {
        TaskInstanceId id = TaskInstanceId.of(task, deployment.value());
        if (at != null) {
            scheduler.schedule(new com.github.kagkarlsson.scheduler.task.TaskInstance<Void>(task, deployment.value()),
                    at, ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
        } else if (scheduler.getScheduledExecution(id).isPresent()) {
            scheduler.cancel(id);
        }
    }

    /** The tasks themselves; db-scheduler retries one whose command fails. */
    @Configuration(proxyBeanMethods = false)
    static class TimerTasks {
        @Bean
        OneTimeTask<Void> scopePauseTimer(ObjectProvider<CommandGateway> commands) {
            return task(PAUSE_TASK, Action.PAUSE, commands);
        }

        @Bean
        OneTimeTask<Void> scopeDropTimer(ObjectProvider<CommandGateway> commands) {
            return task(DROP_TASK, Action.DROP, commands);
        }

        @Bean
        OneTimeTask<Void> freezeEnd(ObjectProvider<CommandGateway> commands) {
            return com.github.kagkarlsson.scheduler.task.helper.Tasks.oneTime(FREEZE_TASK).execute((instance, context) ->
                    commands.getObject().sendAndWait(GenericCommandMessage.asCommandMessage(
                            new ResumeQueue(new DeploymentId(instance.getId()))).andMetaData(system())));
        }

        private static MetaData system() {
            return MetaData.with(AuditMetaData.INITIATOR, Deployment.SYSTEM)
                    .and(AuditMetaData.CORRELATION_ID, UUID.randomUUID().toString());
        }

        private static OneTimeTask<Void> task(String name, Action action, ObjectProvider<CommandGateway> commands) {
            return com.github.kagkarlsson.scheduler.task.helper.Tasks.oneTime(name).execute((instance, context) ->
                    commands.getObject().sendAndWait(GenericCommandMessage.asCommandMessage(new FireScopeTimer(
                            new DeploymentId(instance.getId()), action, context.getExecution().executionTime))
                            .andMetaData(system())));
        }
    }
}
