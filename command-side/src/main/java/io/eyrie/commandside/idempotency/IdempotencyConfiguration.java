package io.eyrie.commandside.idempotency;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class IdempotencyConfiguration {

    @Bean
    public SmartInitializingSingleton idempotencyKeysRecordedWithTheirCommands(CommandBus commandBus,
                                                                               IdempotencyStore store) {
        return () -> commandBus.registerHandlerInterceptor(new IdempotencyInterceptor(store));
    }
}
