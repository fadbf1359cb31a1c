package io.eyrie.bookrunner.monitor;

import io.eyrie.api.book.JobTarget;
import io.eyrie.api.monitor.MonitorSpec;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Resource checks through the deployment's cluster: the simulated cluster's pods report plausible usage; the metrics
 * API of a real cluster is not read yet (see the README), and such a check fails saying so rather than pretending.
 * The busiest pod decides: at or above an error percentage the check fails, at or above a warning one it warns.
 */
class DriverResourceProbe implements ResourceProbe {
    private final Executor executor;
    private final SimulatedUsage simulated;

    DriverResourceProbe(Executor executor, SimulatedUsage simulated) {
        this.executor = executor;
        this.simulated = simulated;
    }

    @Override
    public CompletableFuture<CheckOutcome> check(MonitorSpec spec, JobTarget target) {
        long started = System.nanoTime();
        return CompletableFuture.supplyAsync(() -> {
            if (target.clusters().isEmpty()) {
                return CheckOutcome.failed("the deployment has no cluster to read pod metrics from", elapsed(started));
            }
            JobTarget.Cluster cluster = target.clusters().getFirst();
            if (!cluster.simulated()) {
                return CheckOutcome.failed("resource checks read metrics.k8s.io, which this runner does not read "
                        + "from real clusters yet (cluster " + cluster.slug() + ")", elapsed(started));
            }
            SimulatedUsage.Usage usage = simulated.busiest(target);
            return judge(spec, usage.cpuPercent(), usage.memoryPercent(), usage.pod(), elapsed(started));
        }, executor).exceptionally(e -> CheckOutcome.failed("metrics: " + e.getMessage(), elapsed(started)));
    }

    static CheckOutcome judge(MonitorSpec spec, int cpu, int memory, String pod, long latencyMillis) {
        String seen = "pod " + pod + ": cpu " + cpu + "%, memory " + memory + "% of its limits";
        if (cpu >= spec.cpuErrorPercent() || memory >= spec.memoryErrorPercent()) {
            return new CheckOutcome(false, false, null, latencyMillis, seen + " (error from cpu "
                    + spec.cpuErrorPercent() + "%, memory " + spec.memoryErrorPercent() + "%)");
        }
        boolean warning = cpu >= spec.cpuWarningPercent() || memory >= spec.memoryWarningPercent();
        return new CheckOutcome(true, warning, null, latencyMillis, warning ? seen + " (warning from cpu "
                + spec.cpuWarningPercent() + "%, memory " + spec.memoryWarningPercent() + "%)" : seen);
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
