package io.eyrie.commandside.book;

import io.eyrie.api.book.JobStepSucceeded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records how long each Book step took, from the runners' reports, so that new jobs estimate a step from its past
 * runs and time it out accordingly. One row per job and step: a redelivered report counts once.
 */
@Component
@ProcessingGroup(StepStatistics.GROUP)
class StepStatistics {
    static final String GROUP = "step-statistics";

    private final JdbcClient jdbc;

    StepStatistics(JdbcClient directoryJdbc) {
        this.jdbc = directoryJdbc;
    }

    @EventHandler
    void on(JobStepSucceeded event) {
        jdbc.sql("INSERT INTO directory_step_runs (book, step, job_id, millis) VALUES (:book, :step, :job, :millis) "
                        + "ON CONFLICT DO NOTHING")
                .param("book", event.book()).param("step", event.step()).param("job", event.jobId().value())
                .param("millis", event.millis()).update();
    }
}
