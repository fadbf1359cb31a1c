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
 * The rebuild processors: further tracking processors over the same projections, registered once more with Axon and
 * writing to the generations being built, each for its share of the read models ({@link RebuildLanes}). They never
 * start by themselves; {@link RebuildSupervisor} starts them for a rebuild and stops them for the switch.
 */
@Configuration(proxyBeanMethods = false)
public class RebuildProcessing {

    @Bean
    ConfigurerModule rebuildProcessors(ListableBeanFactory beans, ReadModelGenerations generations,
                                       BuiltDocuments built, RebuildLanes lanes,
                                       @Value("${eyrie.read-models.rebuild-batch-size:500}") int batchSize) {
        // A projection missing from the table (ReadModelTest keeps the real ones in it) is not rebuilt.
        List<String> projections = Arrays.stream(beans.getBeanNamesForAnnotation(ProcessingGroup.class))
                .filter(name -> ReadModel.of(ClassUtils.getUserClass(beans.getType(name))).isPresent())
                .toList();
        return configurer -> {
            var processing = configurer.eventProcessing();
            for (String lane : lanes.all()) {
                List<ReadModel> models = lanes.models(lane);
                processing.registerTrackingEventProcessor(lane,
                                config -> beans.getBean(PromptEventSource.class),
                                // A short wait for events: the processor stops for the switch only between waits.
                                config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                        .andBatchSize(batchSize).andInitialSegmentsCount(1).andAutoStart(false)
                                        .andEventAvailabilityTimeout(100, TimeUnit.MILLISECONDS)
                                        // What it knows of its generations holds only while its segment stays here.
                                        .andEventTrackerStatusChangeListener(statuses -> {
                                            if (statuses.values().stream().anyMatch(status ->
                                                    status.trackerAdded() || status.trackerRemoved())) {
                                                built.forget(models);
                                            }
                                        }))
                        .assignHandlerInstancesMatching(lane, handler ->
                                handler instanceof RebuildingHandler rebuilding && models.contains(rebuilding.model()))
                        .registerListenerInvocationErrorHandler(lane, config -> PropagatingErrorHandler.instance());
            }
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
