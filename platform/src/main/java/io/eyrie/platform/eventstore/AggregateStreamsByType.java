package io.eyrie.platform.eventstore;

import org.axonframework.spring.config.SpringAggregateConfigurer;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues;

/**
 * Makes {@code @Aggregate(filterEventsByType = true)} take effect. Axon 4.13's Spring aggregate lookup builds each
 * aggregate's configurer without passing that attribute on, so every aggregate would apply whatever events its
 * stream holds; with it, an aggregate loads only the events its own type stored, and a stream of another type is
 * "not found". {@code StreamKindIntegrationTest} fails if this stops working.
 */
public class AggregateStreamsByType implements BeanPostProcessor, BeanFactoryAware {
    private ConfigurableListableBeanFactory beanFactory;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof SpringAggregateConfigurer<?> configurer && beanFactory.containsBeanDefinition(beanName)) {
            ConstructorArgumentValues.ValueHolder type = beanFactory.getBeanDefinition(beanName)
                    .getConstructorArgumentValues().getIndexedArgumentValue(0, Class.class);
            if (type != null && type.getValue() instanceof Class<?> aggregateType) {
                Aggregate aggregate = aggregateType.getAnnotation(Aggregate.class);
                configurer.setFilterEventsByType(aggregate != null && aggregate.filterEventsByType());
            }
        }
        return bean;
    }
}
