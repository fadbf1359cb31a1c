package io.eyrie.queryside;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event processor that feeds the dashboard read models; its mode and segments are in query-side.properties.
 * <p>
 * When a projection fails, for instance because MongoDB is unreachable, the processor stops that segment and
 * retries it later. Axon's default would log the error and skip the event, leaving the read model silently wrong.
 * Retrying is safe because the projections are idempotent.
 */
@Configuration(proxyBeanMethods = false)
public class DashboardProcessing {
    public static final String GROUP = "dashboard";

    @Bean
    public ConfigurerModule dashboardRetriesFailedEvents() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
