package io.eyrie.bookrunner.run;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param workers       how many runs execute at the same time; further claimed runs wait for a free worker
 * @param shutdownGrace how long a stopping runner lets its runs continue before it interrupts them
 */
@ConfigurationProperties("eyrie.runner")
public record RunnerProperties(@DefaultValue("4") int workers,
                               @DefaultValue("20s") Duration shutdownGrace) {

    public RunnerProperties {
        if (workers < 1) {
            throw new IllegalArgumentException("eyrie.runner.workers must be at least 1: " + workers);
        }
    }
}
