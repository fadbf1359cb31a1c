package io.eyrie.commandside.book;

import io.eyrie.api.book.JobCancelled;
import io.eyrie.api.book.JobExpired;
import io.eyrie.api.book.JobFailed;
import io.eyrie.api.book.JobSucceeded;
import io.eyrie.api.deployment.CompleteAction;
import io.eyrie.api.deployment.FailAction;
import io.eyrie.api.deployment.RecordCancellation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Tells each deployment how its job ended. A command that fails (the database is away, a concurrent change) fails
 * the batch, which the processor retries with back-off; the deployment ignores an outcome it already has, so the
 * retry is safe.
 */
@Component
@ProcessingGroup(JobOutcomes.GROUP)
class JobOutcomes {
    static final String GROUP = "job-outcomes";

    private final CommandGateway commands;

    JobOutcomes(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(JobSucceeded event) {
        commands.sendAndWait(new CompleteAction(event.deploymentId(), event.jobId()));
    }

    @EventHandler
    void on(JobFailed event) {
        commands.sendAndWait(new FailAction(event.deploymentId(), event.jobId(), event.error()));
    }

    @EventHandler
    void on(JobExpired event) {
        commands.sendAndWait(new FailAction(event.deploymentId(), event.jobId(), event.error()));
    }

    @EventHandler
    void on(JobCancelled event) {
        commands.sendAndWait(new RecordCancellation(event.deploymentId(), event.jobId(), event.reason()));
    }
}
