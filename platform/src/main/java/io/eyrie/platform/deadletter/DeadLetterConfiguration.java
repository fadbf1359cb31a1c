package io.eyrie.platform.deadletter;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One dead-letter queue per listed processing group, in the shared PostgreSQL table {@code deadletterentry}
 * (made by the platform's migration), written in the processor's own transaction, so a dead letter and the token
 * that moved past its event commit together.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    @Bean
    public ConfigurerModule deadLetterQueues(ObjectProvider<DeadLetterProcessors> processors) {
        return configurer -> {
            for (String group : groups(processors)) {
                configurer.eventProcessing()
                        .registerDeadLetterQueue(group, config -> JdbcSequencedDeadLetterQueue.builder()
                                .processingGroup(group)
                                .connectionProvider(config.getComponent(ConnectionProvider.class))
                                .transactionManager(config.getComponent(TransactionManager.class))
                                .genericSerializer(config.serializer())
                                .eventSerializer(config.eventSerializer())
                                .build())
                        .registerDeadLetterPolicy(group, config -> new PoisonPolicy())
                        // Without it, every event costs a query for whether its aggregate has a dead letter. The
                        // cache is per segment, which one processor thread owns at a time.
                        .registerDeadLetteringEventHandlerInvokerConfiguration(group,
                                (config, invoker) -> invoker.enableSequenceIdentifierCache());
            }
        };
    }

    @Bean
    public DeadLetterController deadLetterController(ObjectProvider<DeadLetterProcessors> processors,
                                                     javax.sql.DataSource dataSource,
                                                     org.axonframework.config.Configuration axon) {
        return new DeadLetterController(groups(processors), JdbcClient.create(dataSource), axon);
    }

    static java.util.List<String> groups(ObjectProvider<DeadLetterProcessors> processors) {
        DeadLetterProcessors declared = processors.getIfAvailable();
        return declared == null ? java.util.List.of() : declared.groups();
    }
}
