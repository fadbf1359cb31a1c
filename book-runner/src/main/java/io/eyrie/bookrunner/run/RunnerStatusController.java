package io.eyrie.bookrunner.run;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.eyrie.bookrunner.driver.ClusterDriver;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/runner}: this runner's name, which driver it uses, whether it is simulated, how many workers it
 * has, how many jobs it works on right now and how many wait on the shared queue. Read-only, for operators.
 */
@RestController
public class RunnerStatusController {
    private final Scheduler runQueue;
    private final ClusterDriver driver;
    private final RunnerProperties properties;

    public RunnerStatusController(Scheduler runQueue, ClusterDriver driver, RunnerProperties properties) {
        this.runQueue = runQueue;
        this.driver = driver;
        this.properties = properties;
    }

    @GetMapping("/api/runner")
    public RunnerStatus status() {
        int[] queued = {0};
        runQueue.fetchScheduledExecutionsForTask(JobExecution.TASK, JobTicket.class, execution -> queued[0]++);
        return new RunnerStatus(properties.name(), driver.name(), driver.simulated(), properties.workers(),
                runQueue.getCurrentlyExecuting().size(), queued[0]);
    }

    /**
     * @param activeRuns jobs this runner is working on this moment
     * @param queuedJobs jobs on the shared queue that no runner is working on this moment, waiting ones included
     */
    public record RunnerStatus(String runner, String driver, boolean simulated, int workers, int activeRuns,
                               int queuedJobs) {
    }
}
