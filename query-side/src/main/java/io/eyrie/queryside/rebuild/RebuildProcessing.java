package io.eyrie.queryside.rebuild;

import io.eyrie.platform.eventstore.PromptEventSource;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The rebuild processor: a second tracking processor over the same projections, registered once more with Axon
 * and writing to the generation being built. It never starts by itself; {@link RebuildSupervisor} starts it for a
 * rebuild and stops it for the switch.
 */
@Configuration(proxyBeanMethods = false)
public class RebuildProcessing {
    public static final String GROUP = ReadModel.PROCESSOR_PREFIX + "rebuild";

    @Bean
    ConfigurerModule rebuildProcessor(ListableBeanFactory beans, ReadModelGenerations generations,
                                      BuiltDocuments built,
                                      @Value("${eyrie.read-models.rebuild-batch-size:500}") int batchSize) {
        // A projection missing from the table (ReadModelTest keeps the real ones in it) is not rebuilt.
        List<String> projections = Arrays.stream(beans.getBeanNamesForAnnotation(ProcessingGroup.class))
                .filter(name -> ReadModel.of(ClassUtils.getUserClass(beans.getType(name))).isPresent())
                .toList();
        return configurer -> {
            var processing = configurer.eventProcessing();
            processing.registerTrackingEventProcessor(GROUP,
                            config -> beans.getBean(PromptEventSource.class),
                            // A short wait for events: the processor stops for the switch only between waits.
                            config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                    .andBatchSize(batchSize).andInitialSegmentsCount(1).andAutoStart(false)
                                    .andEventAvailabilityTimeout(100, TimeUnit.MILLISECONDS)
                                    // What it knows of the generation holds only while its segment stays here.
                                    .andEventTrackerStatusChangeListener(statuses -> {
                                        if (statuses.values().stream().anyMatch(status ->
                                                status.trackerAdded() || status.trackerRemoved())) {
                                            built.forget();
                                        }
                                    }))
                    .assignHandlerInstancesMatching(GROUP, RebuildingHandler.class::isInstance)
                    .registerListenerInvocationErrorHandler(GROUP, config -> PropagatingErrorHandler.instance());
            for (String name : projections) {
                processing.registerEventHandler(config -> {
                    Object projection = beans.getBean(name);
                    Class<?> type = ClassUtils.getUserClass(projection);
                    return new RebuildingHandler(ReadModel.of(type).orElseThrow(),
                            new AnnotationEventHandlerAdapter(projection, config.parameterResolverFactory(),
                                    config.handlerDefinition(type)),
                            generations);
                });
            }
        };
    }
}
