package io.eyrie.platform.audit;

import io.eyrie.api.AuditMetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * Copies who-and-why metadata from each handled message onto every message its handler produces, so that an
 * event applied by a saga-sent command still names the user whose request started the chain.
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean
    public CorrelationDataProvider auditMetaDataProvider() {
        return new SimpleCorrelationDataProvider(AuditMetaData.INITIATOR, AuditMetaData.CORRELATION_ID,
                AuditMetaData.PLATFORM_ADMIN);
    }

    @Bean
    public CorrelationDataProvider causationProvider() {
        return message -> Map.of(AuditMetaData.CAUSATION_ID, message.getIdentifier());
    }
}
