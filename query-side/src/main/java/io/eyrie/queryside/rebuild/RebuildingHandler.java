package io.eyrie.queryside.rebuild;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;

/**
 * A projection as the rebuild processor sees it: it handles events only while its read model is being built, and
 * marks the unit of work so that its writes go to the new generation.
 */
final class RebuildingHandler implements EventMessageHandler {
    private final ReadModel model;
    private final EventMessageHandler projection;
    private final ReadModelGenerations generations;

    RebuildingHandler(ReadModel model, EventMessageHandler projection, ReadModelGenerations generations) {
        this.model = model;
        this.projection = projection;
        this.generations = generations;
    }

    ReadModel model() {
        return model;
    }

    @Override
    public Object handle(EventMessage<?> event) throws Exception {
        if (!generations.building(model)) {
            return null;
        }
        Rebuilding.mark();
        return projection.handle(event);
    }

    @Override
    public boolean canHandle(EventMessage<?> event) {
        return projection.canHandle(event);
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return projection.canHandleType(payloadType);
    }

    @Override
    public Class<?> getTargetType() {
        return projection.getTargetType();
    }

    /** The rebuild processor starts with a replay token, and Axon skips replayed events for handlers without it. */
    @Override
    public boolean supportsReset() {
        return true;
    }
}
