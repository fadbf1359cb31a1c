package io.eyrie.platform;

import io.eyrie.platform.access.AccessConfiguration;
import io.eyrie.platform.audit.AuditConfiguration;
import io.eyrie.platform.deadletter.DeadLetterConfiguration;
import io.eyrie.platform.eventstore.EventStoreConfiguration;
import io.eyrie.platform.security.SecurityConfiguration;
import io.eyrie.platform.web.OpenApiConfiguration;
import io.eyrie.platform.web.ProblemHandling;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/**
 * Imported by every service. Being user configuration rather than auto-configuration, its beans are registered
 * before Axon's auto-configuration looks for missing ones.
 */
@Configuration(proxyBeanMethods = false)
@Import({EventStoreConfiguration.class, AuditConfiguration.class, SecurityConfiguration.class, AccessConfiguration.class,
        ProblemHandling.class, OpenApiConfiguration.class, DeadLetterConfiguration.class})
@PropertySource("classpath:eyrie-platform.properties")
public class PlatformConfiguration {
}
