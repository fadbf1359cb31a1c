package io.eyrie.platform.access;

import io.eyrie.platform.security.Callers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Each service supplies its {@link EndpointTable} and {@link AccessDirectory}; the filter is the same everywhere. */
@Configuration(proxyBeanMethods = false)
public class AccessConfiguration {

    @Bean
    public AccessChecks accessChecks(AccessDirectory directory) {
        return new AccessChecks(directory);
    }

    @Bean
    public org.springdoc.core.customizers.OpenApiCustomizer openApiFromTheTable(EndpointTable table) {
        return new OpenApiRows(table);
    }

    @Bean
    public AccessFilter accessFilter(EndpointTable table, AccessDirectory directory, Callers callers) {
        return new AccessFilter(table, directory, callers);
    }
}
