package io.eyrie.commandside.book;

import io.eyrie.api.book.BookJobScheduled;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.ScheduleBookJob;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A Book job as the control plane asked for it. Runners claim it by starting a run of their own; cancelling
 * a job will be decided here.
 */
@Aggregate(filterEventsByType = true)
public class BookJob {
    @AggregateIdentifier
    private JobId jobId;

    protected BookJob() {
    }

    @CommandHandler
    public BookJob(ScheduleBookJob command) {
        apply(new BookJobScheduled(command.jobId(), command.deploymentId(), command.project(), command.action(), command.book(),
                command.image()));
    }

    @EventSourcingHandler
    void on(BookJobScheduled event) {
        this.jobId = event.jobId();
    }
}
