package io.eyrie.bookrunner.run;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class RunConfiguration {

    /**
     * Axon's default logs a handler failure and moves on, which would silently drop a job. Propagating rolls the
     * batch back and the processor retries it, so a job is claimed once the database is reachable again.
     */
    @Bean
    public ConfigurerModule bookRunnerErrorHandling() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(BookRunner.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance()));
    }
}
