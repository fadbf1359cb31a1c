package io.eyrie.queryside.rebuild;

import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Map;

/**
 * Which generation of each read model queries read and the live processor writes, and which one the rebuild
 * processor is building. This instance's copy of the shared state that {@link RebuildSupervisor} keeps in MongoDB;
 * replaced whole, so one query never mixes two switches.
 */
@Component
public class ReadModelGenerations {
    private volatile Snapshot current = new Snapshot(new EnumMap<>(ReadModel.class), new EnumMap<>(ReadModel.class));

    /** The collection to use for {@code base}: the one being built inside the rebuild processor, else the live one. */
    public String collection(String base) {
        return ReadModel.owning(base).map(model -> ReadModel.collection(base, generation(model, Rebuilding.active())))
                .orElse(base);
    }

    public boolean building(ReadModel model) {
        return current.building().containsKey(model);
    }

    void replace(Map<ReadModel, Integer> live, Map<ReadModel, Integer> building) {
        current = new Snapshot(copy(live), copy(building));
    }

    private int generation(ReadModel model, boolean rebuilding) {
        Snapshot snapshot = current;
        Integer built = rebuilding ? snapshot.building().get(model) : null;
        return built != null ? built : snapshot.live().getOrDefault(model, 0);
    }

    private static Map<ReadModel, Integer> copy(Map<ReadModel, Integer> generations) {
        Map<ReadModel, Integer> copy = new EnumMap<>(ReadModel.class);
        copy.putAll(generations);
        return copy;
    }

    private record Snapshot(Map<ReadModel, Integer> live, Map<ReadModel, Integer> building) {
    }
}
