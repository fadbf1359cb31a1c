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
        // A run counts once, however often its event is delivered: the total moves only when the run is new.
        jdbc.sql("WITH fresh AS (INSERT INTO directory_step_runs (book, step, job_id, millis) "
                        + "VALUES (:book, :step, :job, :millis) ON CONFLICT DO NOTHING RETURNING millis) "
                        + "INSERT INTO directory_step_averages (book, step, runs, total_millis) "
                        + "SELECT :book, :step, 1, millis FROM fresh ON CONFLICT (book, step) DO UPDATE SET "
                        + "runs = directory_step_averages.runs + 1, "
                        + "total_millis = directory_step_averages.total_millis + EXCLUDED.total_millis")
                .param("book", event.book()).param("step", event.step()).param("job", event.jobId().value())
                .param("millis", event.millis()).update();
    }
}
