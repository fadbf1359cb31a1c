package io.eyrie.bookrunner.run;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.eyrie.bookrunner.driver.ClusterDrivers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code GET /api/runner}: this runner's name, its drivers, which API servers it treats as simulated, how many
 * workers it has, how many jobs it works on right now and how many wait on the shared queue. For operators.
 */
@RestController
public class RunnerStatusController {
    private final Scheduler runQueue;
    private final ClusterDrivers drivers;
    private final RunnerProperties properties;

    public RunnerStatusController(Scheduler runQueue, ClusterDrivers drivers, RunnerProperties properties) {
        this.runQueue = runQueue;
        this.drivers = drivers;
        this.properties = properties;
    }

    @GetMapping("/api/runner")
    public RunnerStatus status() {
        int[] queued = {0};
        runQueue.fetchScheduledExecutionsForTask(JobExecution.TASK, JobTicket.class, execution -> queued[0]++);
        return new RunnerStatus(properties.name(), drivers.names(), List.copyOf(drivers.simulatedApiServers()),
                properties.workers(), runQueue.getCurrentlyExecuting().size(), queued[0]);
    }

    /**
     * @param simulatedApiServers API servers that are Kubernetes API doubles; jobs on them say they are simulated,
     *                            as do jobs on {@code simulated://} clusters
     * @param activeRuns          jobs this runner is working on this moment
     * @param queuedJobs          jobs on the shared queue that no runner is working on this moment
     */
    public record RunnerStatus(String runner, List<String> drivers, List<String> simulatedApiServers, int workers,
                               int activeRuns, int queuedJobs) {
    }
}
