package io.eyrie.bookrunner.driver;

import io.eyrie.api.book.JobTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a step on every cluster of its deployment, each through the driver that serves it. The step has succeeded
 * once it has on all of them; one failure fails it, one failure that may pass retries it, and one cluster that has
 * not converged makes it wait. Steps are idempotent, so doing one again where it already succeeded is safe.
 */
@Component
public class ClusterDrivers {
    private static final Logger log = LoggerFactory.getLogger(ClusterDrivers.class);
    private final List<ClusterDriver> drivers;
    private final Set<String> simulatedApiServers;

    public ClusterDrivers(List<ClusterDriver> drivers, SimulatedDriverProperties simulated) {
        this.drivers = drivers;
        this.simulatedApiServers = Set.copyOf(simulated.apiServers());
    }

    @EventListener(ApplicationReadyEvent.class)
    void sayWhichClustersAreSimulated() {
        for (String apiServer : simulatedApiServers) {
            log.warn("The cluster at {} is SIMULATED: a Kubernetes API double that the real driver talks to, where no "
                    + "container runs. Its jobs are marked simulated.", apiServer);
        }
    }

    public List<String> names() {
        return drivers.stream().map(ClusterDriver::name).toList();
    }

    /** The API servers that are Kubernetes API doubles (the local run's), whose jobs say they are simulated. */
    public Set<String> simulatedApiServers() {
        return simulatedApiServers;
    }

    /** The drivers a job on this target uses, as it records them. */
    public String driverOf(JobTarget target) {
        Set<String> names = new LinkedHashSet<>();
        for (JobTarget.Cluster cluster : target.clusters()) {
            drivers.stream().filter(driver -> driver.serves(cluster)).findFirst()
                    .ifPresent(driver -> names.add(driver.name()));
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /** True when no cluster the job touches is real. */
    public boolean simulated(JobTarget target) {
        return target.clusters().stream()
                .allMatch(cluster -> cluster.simulated() || simulatedApiServers.contains(cluster.apiServer()));
    }

    public StepOutcome execute(StepRequest request) throws Exception {
        if (request.target().clusters().isEmpty()) {
            return StepOutcome.failed("the deployment has no cluster to run '" + request.step().name() + "' on");
        }
        List<String> details = new ArrayList<>();
        Duration soonest = null;
        String progress = null;
        String retry = null;
        for (JobTarget.Cluster cluster : request.target().clusters()) {
            ClusterDriver driver = drivers.stream().filter(candidate -> candidate.serves(cluster)).findFirst()
                    .orElse(null);
            if (driver == null) {
                return StepOutcome.failed("no driver serves cluster '" + cluster.slug() + "' at " + cluster.apiServer());
            }
            String where = request.target().clusters().size() > 1 ? cluster.slug() + ": " : "";
            switch (driver.execute(request, cluster)) {
                case StepOutcome.Failed failed -> {
                    return StepOutcome.failed(where + failed.error());
                }
                case StepOutcome.Retryable retryable -> retry = where + retryable.error();
                case StepOutcome.Waiting waiting -> {
                    soonest = soonest == null || waiting.checkAgainIn().compareTo(soonest) < 0
                            ? waiting.checkAgainIn() : soonest;
                    progress = where + waiting.progress();
                }
                case StepOutcome.Succeeded succeeded -> details.add(where + succeeded.detail());
            }
        }
        if (retry != null) {
            return StepOutcome.retryable(retry);
        }
        if (soonest != null) {
            return StepOutcome.waiting(soonest, progress);
        }
        return StepOutcome.succeeded(String.join("; ", details));
    }

    /** What the target's pods use on its first cluster, through the driver that serves it (resource monitors). */
    public List<PodUsage> podUsage(JobTarget target) throws Exception {
        if (target.clusters().isEmpty()) {
            throw new IllegalStateException("the deployment has no cluster to read pod metrics from");
        }
        JobTarget.Cluster cluster = target.clusters().getFirst();
        ClusterDriver driver = drivers.stream().filter(candidate -> candidate.serves(cluster)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no driver serves cluster '" + cluster.slug() + "' at "
                        + cluster.apiServer()));
        return driver.podUsage(target, cluster);
    }
}
