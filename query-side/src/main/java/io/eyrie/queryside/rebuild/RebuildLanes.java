package io.eyrie.queryside.rebuild;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The rebuild's processors: a rebuild replays into several read models at once on {@code eyrie.read-models
 * .rebuild-lanes} processors, each building its own share of the read models with one segment, so that every
 * collection being built still has one writer ({@link BuiltDocuments} relies on it). The table's busiest read
 * models come first and are dealt out in turn.
 */
@Component
public class RebuildLanes {
    public static final String PREFIX = ReadModel.PROCESSOR_PREFIX + "rebuild-";

    private final int lanes;

    public RebuildLanes(@Value("${eyrie.read-models.rebuild-lanes:2}") int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("eyrie.read-models.rebuild-lanes must be at least 1, not " + lanes);
        }
        this.lanes = lanes;
    }

    /** The processor that builds {@code model}. */
    public String of(ReadModel model) {
        return PREFIX + (model.ordinal() % lanes);
    }

    /** The processors that build {@code models}, each once. */
    public List<String> of(Collection<ReadModel> models) {
        return models.stream().map(this::of).distinct().sorted().toList();
    }

    public List<String> all() {
        return IntStream.range(0, lanes).mapToObj(lane -> PREFIX + lane).toList();
    }

    /** The read models {@code processor} builds. */
    public List<ReadModel> models(String processor) {
        return Arrays.stream(ReadModel.values()).filter(model -> of(model).equals(processor)).toList();
    }
}
