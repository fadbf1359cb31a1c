package io.eyrie.bookrunner.run;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.JobCancelled;
import io.eyrie.api.book.JobCreated;
import io.eyrie.bookrunner.driver.ClusterDrivers;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Puts every new job on the runners' work queue, in the transaction that also moves this processor's token: a job
 * is queued and marked handled, or neither, and queueing it twice keeps one entry. Any runner then takes it.
 */
@Component
@ProcessingGroup(JobQueue.PROCESSING_GROUP)
public class JobQueue {
    public static final String PROCESSING_GROUP = "book-runner";

    private final Scheduler scheduler;
    private final JobExecution execution;
    private final ClusterDrivers drivers;

    JobQueue(Scheduler runQueue, JobExecution execution, ClusterDrivers drivers) {
        this.scheduler = runQueue;
        this.execution = execution;
        this.drivers = drivers;
    }

    @EventHandler
    void on(JobCreated job, EventMessage<?> message, UnitOfWork<?> unitOfWork) {
        JobTicket ticket = new JobTicket(job.jobId().value(), (String) message.getMetaData().get(AuditMetaData.INITIATOR),
                (String) message.getMetaData().get(AuditMetaData.CORRELATION_ID), message.getIdentifier(), 0,
                drivers.driverOf(job.target()), drivers.simulated(job.target()));
        if (scheduler.scheduleIfNotExists(execution.task().instance(job.jobId().value(), ticket), Instant.now())) {
            unitOfWork.afterCommit(committed -> scheduler.triggerCheckForDueExecutions());
        }
    }

    /** A job that waits for the cluster is looked at again at once, so cancel does not wait for the next check. */
    @EventHandler
    void on(JobCancelled cancelled, UnitOfWork<?> unitOfWork) {
        unitOfWork.afterCommit(committed -> {
            TaskInstanceId id = TaskInstanceId.of(JobExecution.TASK, cancelled.jobId().value());
            scheduler.getScheduledExecution(id).filter(execution -> !execution.isPicked())
                    .ifPresent(execution -> scheduler.reschedule(id, Instant.now()));
        });
    }
}
