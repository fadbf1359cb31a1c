package io.eyrie.bookrunner.run;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.UUID;

/**
 * @param workers       how many jobs this runner works on at the same moment; a job that waits for the cluster
 *                      holds no worker
 * @param shutdownGrace how long a stopping runner lets its workers finish the step they are on
 * @param lease         how long a runner that stopped renewing its hold on a job keeps it; then another runner
 *                      takes the job over
 * @param pollInterval  how often a runner looks for jobs that others queued or that are due again
 * @param name          this runner's name in jobs and leases; unique per process by default
 */
@ConfigurationProperties("eyrie.runner")
public record RunnerProperties(@DefaultValue("4") int workers,
                               @DefaultValue("20s") Duration shutdownGrace,
                               @DefaultValue("10s") Duration lease,
                               @DefaultValue("100ms") Duration pollInterval,
                               String name) {

    public RunnerProperties {
        if (workers < 1) {
            throw new IllegalArgumentException("eyrie.runner.workers must be at least 1: " + workers);
        }
        if (lease.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new IllegalArgumentException("eyrie.runner.lease must be at least 2s: " + lease);
        }
        if (name == null || name.isBlank()) {
            name = "runner-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
