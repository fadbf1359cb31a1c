package io.eyrie.commandside.book;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param jobTimeout      how long a job may take, from its creation, before it expires and its action fails; no
 *                        step may take longer
 * @param stepTimeoutMin  the shortest time-out a step gets, however quick its estimate
 * @param defaultEstimate what a step is expected to take when its Book gives no estimate and it never ran
 */
@ConfigurationProperties("eyrie.books")
public record BookJobSettings(@DefaultValue("10m") Duration jobTimeout,
                              @DefaultValue("30s") Duration stepTimeoutMin,
                              @DefaultValue("30s") Duration defaultEstimate) {
}
