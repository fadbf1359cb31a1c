package io.eyrie.commandside.deployment;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.JobId;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionInput;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.RequestAction;
import io.eyrie.api.id.Ids;
import io.eyrie.api.project.Schedule;
import io.eyrie.commandside.directory.Directory;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Scopes' start/stop schedules, looked at every {@code eyrie.schedules.check-every} by one db-scheduler task (one
 * runner at a time, in PostgreSQL). Each schedule's latest boundary is acted on once: at a start its paused
 * deployments are redeployed, at a stop its deployed ones paused, as {@code system} naming the schedule. A
 * boundary missed while the service was down is acted on when it is back; a user's own pause in between stays.
 */
@Configuration(proxyBeanMethods = false)
public class ScopeSchedules {
    private static final Logger log = LoggerFactory.getLogger(ScopeSchedules.class);
    static final String TASK = "scope-schedules";

    @Bean
    RecurringTask<Void> scopeSchedulesTask(ObjectProvider<CommandGateway> commands, Directory directory,
                                           @Value("${eyrie.schedules.check-every:30s}") Duration every) {
        return Tasks.recurring(TASK, FixedDelay.of(every)).execute((instance, context) ->
                look(commands.getObject(), directory, Instant.now()));
    }

    static void look(CommandGateway commands, Directory directory, Instant now) {
        for (Directory.ScheduledScope scope : directory.scheduledScopes()) {
            for (Schedule schedule : scope.schedules()) {
                Optional<Schedule.Boundary> boundary = schedule.lastBoundary(now);
                Optional<Instant> mark = directory.scheduleMark(scope.group(), scope.scope(), schedule.name());
                if (boundary.isEmpty() || mark.isPresent() && !boundary.get().at().isAfter(mark.get())) {
                    continue;
                }
                // The first look at a new schedule only marks where it is: it does not act on a past boundary.
                if (mark.isPresent()) {
                    act(commands, directory, scope, schedule, boundary.get());
                }
                directory.markSchedule(scope.group(), scope.scope(), schedule.name(), boundary.get().at());
            }
        }
    }

    private static void act(CommandGateway commands, Directory directory, Directory.ScheduledScope scope,
                            Schedule schedule, Schedule.Boundary boundary) {
        Action action = boundary.start() ? Action.REDEPLOY : Action.PAUSE;
        String reason = "schedule '" + schedule.name() + "' of scope '" + scope.scope() + "' "
                + (boundary.start() ? "starts" : "stops") + " its deployments at " + boundary.at();
        for (DeploymentId deployment : directory.scopeDeployments(scope.group(), scope.scope())) {
            JobId job = new JobId(Ids.uuidFrom(deployment.value() + "/" + schedule.name() + "/" + boundary.at()));
            try {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RequestAction(deployment, action, job,
                        ActionInput.NONE, reason)).andMetaData(MetaData.with(AuditMetaData.INITIATOR, Deployment.SYSTEM)
                        .and(AuditMetaData.CORRELATION_ID, job.value())));
            } catch (RuntimeException refused) {
                if (!Refusals.isRefusal(refused)) {
                    throw refused;
                }
                // Not in a state the schedule changes (a draft, or already paused): nothing to do for it.
                log.info("Schedule '{}' left deployment {} as it is: {}", schedule.name(), deployment.value(),
                        refused.getMessage());
            }
        }
    }
}
