package io.eyrie.queryside;

import io.eyrie.platform.deadletter.DeadLetterProcessors;
import io.eyrie.queryside.rebuild.RebuildProcessing;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event processor that feeds the dashboard read models; its mode and segments are in query-side.properties.
 * <p>
 * When a projection fails, for instance because MongoDB is unreachable, the processor stops that segment and
 * retries it later. Axon's default would log the error and skip the event, leaving the read model silently wrong.
 * Retrying is safe because the projections are idempotent. An event a projection refuses outright is
 * dead-lettered instead (see the platform's {@code PoisonPolicy}), so one bad event never stops the dashboards.
 */
@Configuration(proxyBeanMethods = false)
public class DashboardProcessing {

    /**
     * A projection that cannot handle an event dead-letters it, and the read models go on. Not the rebuild's: a
     * generation that went live without an event would hide the loss, so a rebuild stops on it and retries, showing
     * the error in its progress, until it is mended or cancelled.
     */
    @Bean
    public DeadLetterProcessors deadLetterProcessors() {
        return new DeadLetterProcessors(java.util.List.of(GROUP));
    }

    public static final String GROUP = "dashboard";

    @Bean
    public ConfigurerModule dashboardRetriesFailedEvents() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
