package io.eyrie.platform.eventstore;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;

import java.util.List;

/**
 * Refuses to start when a tracking processor reads the event store directly: Spring Boot hands it the raw store
 * unless its {@code source} property names {@code promptEventSource}, and it would then lag up to a second.
 */
public class PromptEventSourceCheck {
    private final EventProcessingConfiguration processing;

    public PromptEventSourceCheck(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @EventListener(ApplicationStartedEvent.class)
    public void check() {
        List<String> direct = processing.eventProcessors().values().stream()
                .filter(processor -> processor instanceof TrackingEventProcessor tracking
                        && !(tracking.getMessageSource() instanceof PromptEventSource))
                .map(processor -> processor.getName())
                .sorted()
                .toList();
        if (!direct.isEmpty()) {
            throw new IllegalStateException("Tracking processors " + direct + " read the event store directly; set "
                    + "axon.eventhandling.processors.<name>.source=promptEventSource for each");
        }
    }
}
