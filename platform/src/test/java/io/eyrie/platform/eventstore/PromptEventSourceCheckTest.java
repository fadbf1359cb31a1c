package io.eyrie.platform.eventstore;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class PromptEventSourceCheckTest {
    @SuppressWarnings("unchecked")
    private final StreamableMessageSource<TrackedEventMessage<?>> store = mock(StreamableMessageSource.class);

    @Test
    void acceptsProcessorsThatReadThroughThePromptSource() {
        var check = new PromptEventSourceCheck(processing(tracking("dashboard", new PromptEventSource(store, Duration.ofMillis(25)))));

        assertThatCode(check::check).doesNotThrowAnyException();
    }

    @Test
    void refusesAProcessorThatReadsTheStoreDirectly() {
        var check = new PromptEventSourceCheck(processing(tracking("dashboard", store)));

        assertThatThrownBy(check::check)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[dashboard]")
                .hasMessageContaining("source=promptEventSource");
    }

    private static TrackingEventProcessor tracking(String name, StreamableMessageSource<?> source) {
        TrackingEventProcessor processor = mock(TrackingEventProcessor.class);
        when(processor.getName()).thenReturn(name);
        doReturn(source).when(processor).getMessageSource();
        return processor;
    }

    private static EventProcessingConfiguration processing(EventProcessor processor) {
        Map<String, EventProcessor> processors = Map.of(processor.getName(), processor);
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(processing.eventProcessors()).thenReturn(processors);
        return processing;
    }
}
