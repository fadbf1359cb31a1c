package io.eyrie.api.book;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.eyrie.api.id.EntityId;
import io.eyrie.api.id.Ids;

/**
 * A runner's execution of a Book job. It carries its job's UUID, so a second runner that tries to claim the same
 * job collides in the event store instead of running it twice.
 */
public record RunId(@JsonValue String value) implements EntityId {
    public static final String KIND = "run";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public RunId {
        Ids.requireUuid(KIND, value);
    }

    public static RunId of(JobId job) {
        return new RunId(job.value());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String toString() {
        return EntityId.of(this);
    }
}
