package io.eyrie.platform.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Where the shared event store lives. All services point at the same database: it is the only thing they share.
 *
 * @param fetchDelay  how long an idle event stream waits before polling for events appended by other processes
 * @param wakeUpSlice the longest a tracking processor waits before re-checking for events it was not woken for
 */
@ConfigurationProperties("eyrie.eventstore")
public record EventStoreProperties(String url,
                                   @DefaultValue("eyrie") String username,
                                   @DefaultValue("eyrie") String password,
                                   @DefaultValue("10") int poolSize,
                                   @DefaultValue("50ms") Duration fetchDelay,
                                   @DefaultValue("25ms") Duration wakeUpSlice) {
}
