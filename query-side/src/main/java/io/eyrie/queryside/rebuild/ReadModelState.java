package io.eyrie.queryside.rebuild;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared state of the read models' generations and of the rebuild under way or last run; one document, so
 * that a switch of several read models is one atomic write. Every change goes through {@code version}: a write
 * from an older copy changes nothing.
 */
@Document(ReadModelState.COLLECTION)
class ReadModelState {
    static final String COLLECTION = "read_model_state";
    static final String ID = "dashboard";

    enum Phase {
        /** Nothing is being rebuilt. */
        IDLE,
        /** The new generation's collections are being emptied and indexed; nothing writes them yet. */
        PREPARING,
        /** The rebuild processor replays every event into the new generation, beside the live one. */
        BUILDING,
        /** It has nearly caught up: the live processor stops everywhere, so that the rebuild can pass it. */
        PAUSING,
        /** It has passed the live processor: it stops too, and then the new generation becomes the live one. */
        SWITCHING
    }

    @Id
    String id = ID;
    long version;
    Phase phase = Phase.IDLE;
    Instant phaseSince;
    /** The instance preparing the new generations, while it does. */
    String preparedBy;
    /** Read model name to generation. */
    Map<String, Integer> live = new LinkedHashMap<>();
    Map<String, Integer> building = new LinkedHashMap<>();
    /** Generations replaced by the last switch, dropped once no instance can still be reading them. */
    Map<String, Integer> retired = new LinkedHashMap<>();
    Rebuild rebuild;

    static class Rebuild {
        String id;
        List<String> readModels = new ArrayList<>();
        String requestedBy;
        String reason;
        Instant requestedAt;
        Instant startedAt;
        Instant finishedAt;
        /** running, done or cancelled. */
        String outcome;
        String cancelledBy;
        String cancelReason;
        /** Events the rebuild had passed, and events in the store, when it switched. */
        Long eventsDone;
        Long eventsTotal;
        /** What the rebuild processor last failed on, as the instance that runs it reported; null once it goes on. */
        String error;
    }

    int live(ReadModel model) {
        return live.getOrDefault(model.modelName(), 0);
    }

    Map<ReadModel, Integer> liveGenerations() {
        return byModel(live);
    }

    Map<ReadModel, Integer> buildingGenerations() {
        return byModel(building);
    }

    private static Map<ReadModel, Integer> byModel(Map<String, Integer> generations) {
        Map<ReadModel, Integer> byModel = new EnumMap<>(ReadModel.class);
        generations.forEach((name, generation) -> ReadModel.named(name)
                .ifPresent(model -> byModel.put(model, generation)));
        return byModel;
    }
}
