package io.eyrie.queryside.audit;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A link that cannot be written stops the chain's processor, which retries; an event is never left out. */
@Configuration(proxyBeanMethods = false)
public class AuditProcessing {

    @Bean
    public ConfigurerModule auditChainRetriesFailedEvents() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(AuditChain.GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
