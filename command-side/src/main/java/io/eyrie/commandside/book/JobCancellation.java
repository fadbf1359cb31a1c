package io.eyrie.commandside.book;

import io.eyrie.api.book.CancelJob;
import io.eyrie.api.deployment.CancelRequested;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Cancels the job in the same transaction as the request to cancel it (a subscribing processor), so a cancel that
 * was accepted has ended the job, whether or not any runner is alive.
 */
@Component
@ProcessingGroup(JobCancellation.GROUP)
class JobCancellation {
    static final String GROUP = "job-cancellation";

    private final CommandGateway commands;

    JobCancellation(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(CancelRequested event) {
        commands.sendAndWait(new CancelJob(event.jobId(), event.reason()));
    }
}
