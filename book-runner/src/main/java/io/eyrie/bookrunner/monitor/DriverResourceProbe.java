package io.eyrie.bookrunner.monitor;

import io.eyrie.api.book.JobTarget;
import io.eyrie.api.monitor.MonitorSpec;
import io.eyrie.bookrunner.driver.ClusterDrivers;
import io.eyrie.bookrunner.driver.PodUsage;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Resource checks through the deployment's cluster: {@code metrics.k8s.io} through the driver that serves it, or,
 * on a simulated cluster (or the local run's API double, which serves no metrics), plausible usage. The busiest pod
 * decides: at or above an error percentage the check fails, at or above a warning one it warns.
 */
class DriverResourceProbe implements ResourceProbe {
    private final Executor executor;
    private final ClusterDrivers drivers;
    private final SimulatedUsage simulated;

    DriverResourceProbe(Executor executor, ClusterDrivers drivers, SimulatedUsage simulated) {
        this.executor = executor;
        this.drivers = drivers;
        this.simulated = simulated;
    }

    @Override
    public CompletableFuture<CheckOutcome> check(MonitorSpec spec, JobTarget target) {
        long started = System.nanoTime();
        return CompletableFuture.supplyAsync(() -> {
            if (target.clusters().isEmpty()) {
                return CheckOutcome.failed("the deployment has no cluster to read pod metrics from", elapsed(started));
            }
            try {
                List<PodUsage> pods = drivers.simulated(target) ? List.of(simulated.busiest(target)) : drivers.podUsage(target);
                PodUsage busiest = pods.stream()
                        .max(Comparator.comparingInt(pod -> Math.max(pod.cpuPercent(), pod.memoryPercent()))).orElseThrow();
                return judge(spec, busiest.cpuPercent(), busiest.memoryPercent(), busiest.pod(), elapsed(started));
            } catch (Exception e) {
                return CheckOutcome.failed("metrics: " + e.getMessage(), elapsed(started));
            }
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
