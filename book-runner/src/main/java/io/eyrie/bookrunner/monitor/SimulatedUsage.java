package io.eyrie.bookrunner.monitor;

import io.eyrie.api.book.JobTarget;
import io.eyrie.bookrunner.driver.PodUsage;

import java.time.Clock;

/**
 * What the simulated cluster's pods use: a slow wave per deployment between 15 % and 55 % CPU and 30 % and 60 %
 * memory, the same on every runner at the same moment. A deployment whose config sets {@code simulatedCpuPercent}
 * or {@code simulatedMemoryPercent} uses that instead, so a test or a demo can push it over a threshold.
 */
class SimulatedUsage {
    private final Clock clock;

    SimulatedUsage(Clock clock) {
        this.clock = clock;
    }

    PodUsage busiest(JobTarget target) {
        double phase = (clock.millis() / 60_000.0) + (target.name().hashCode() & 0xff);
        int cpu = fixed(target, "simulatedCpuPercent", (int) Math.round(35 + 20 * Math.sin(phase / 7)));
        int memory = fixed(target, "simulatedMemoryPercent", (int) Math.round(45 + 15 * Math.cos(phase / 11)));
        return new PodUsage(target.name() + "-0", cpu, memory);
    }

    private static int fixed(JobTarget target, String key, int otherwise) {
        Object value = target.config().get(key);
        return value instanceof Number number ? number.intValue() : otherwise;
    }
}
