package io.eyrie.queryside;

import io.eyrie.api.id.EntityId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Orders a read model's events by the key of the document they write, named by a record component of the event
 * (such as {@code deploymentId}), so that its processor can split them between segments and each document still has
 * one writer. An event without that component falls back to its aggregate. The key is the id's text, whose hash is
 * the same in every JVM: instances must agree on which segment an event belongs to.
 */
public final class DocumentKey implements SequencingPolicy<EventMessage<?>> {
    private final String component;
    private final Map<Class<?>, Function<Object, Object>> exceptions;
    private final ClassValue<Optional<RecordComponent>> components = new ClassValue<>() {
        @Override
        protected Optional<RecordComponent> computeValue(Class<?> type) {
            return type.isRecord() ? Arrays.stream(type.getRecordComponents())
                    .filter(found -> found.getName().equals(component)).findFirst() : Optional.empty();
        }
    };

    private DocumentKey(String component, Map<Class<?>, Function<Object, Object>> exceptions) {
        this.component = component;
        this.exceptions = Map.copyOf(exceptions);
    }

    public static DocumentKey component(String component) {
        return new DocumentKey(component, Map.of());
    }

    /** For an event that names its document's key elsewhere than in the component. */
    public <T> DocumentKey except(Class<T> type, Function<T, Object> key) {
        var all = new java.util.HashMap<>(exceptions);
        all.put(type, payload -> key.apply(type.cast(payload)));
        return new DocumentKey(component, all);
    }

    /** Whether an event of this type names its key, rather than falling back to its aggregate. */
    public boolean names(Class<?> payloadType) {
        return exceptions.containsKey(payloadType) || components.get(payloadType).isPresent();
    }

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object payload = event.getPayload();
        Function<Object, Object> exception = exceptions.get(payload.getClass());
        Object key = exception != null ? exception.apply(payload)
                : components.get(payload.getClass()).map(found -> read(found, payload)).orElse(null);
        if (key == null && event instanceof DomainEventMessage<?> domain) {
            key = domain.getAggregateIdentifier();
        }
        return key instanceof EntityId id ? id.value() : key;
    }

    private static Object read(RecordComponent found, Object payload) {
        try {
            return found.getAccessor().invoke(payload);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + found + " of " + payload.getClass().getName(), e);
        }
    }
}
