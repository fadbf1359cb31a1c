package io.eyrie.commandside.directory;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;

@Configuration(proxyBeanMethods = false)
public class DirectoryConfiguration {

    @Bean
    public DirectorySchema directorySchema(DataSource dataSource) {
        return new DirectorySchema(dataSource);
    }

    /** Uses the transaction Axon's unit of work has bound, so its writes commit or roll back with the events. */
    @Bean
    public JdbcClient directoryJdbc(DataSource dataSource, DirectorySchema schema) {
        return JdbcClient.create(dataSource);
    }

    /**
     * The directory runs in the publishing command's transaction (a subscribing processor). Axon's default would log
     * a failed write and commit the events anyway; propagating rolls the command back, so a taken name refuses it.
     */
    @Bean
    public ConfigurerModule directoryFailuresRefuseTheCommand() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(DirectoryProjection.GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }
}
