package io.eyrie.bookrunner.monitor;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param tick             how often a runner takes the monitors whose checks are due; a check runs at most this late
 * @param batch            at most this many checks taken per tick
 * @param maxInFlight      at most this many checks of this runner under way at once; beyond, due checks wait for the
 *                         next tick (and another runner may take them)
 * @param defaultRetention how long a check's result is kept when its scope sets no monitorLogDeleteAfterSeconds
 * @param pruneEvery       how often expired results are removed, where the store does not expire them itself
 * @param enabled          false: this runner checks no monitors (the schedule is still kept)
 */
@ConfigurationProperties("eyrie.runner.monitors")
public record MonitorCheckProperties(@DefaultValue("1s") Duration tick,
                                     @DefaultValue("2000") int batch,
                                     @DefaultValue("5000") int maxInFlight,
                                     @DefaultValue("1d") Duration defaultRetention,
                                     @DefaultValue("1m") Duration pruneEvery,
                                     @DefaultValue("true") boolean enabled) {
}
