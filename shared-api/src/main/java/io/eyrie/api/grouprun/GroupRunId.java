package io.eyrie.api.grouprun;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.eyrie.api.id.EntityId;
import io.eyrie.api.id.Ids;

/** One group action: an action run on a group's deployments, stage by stage. */
public record GroupRunId(@JsonValue String value) implements EntityId {
    public static final String KIND = "grouprun";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public GroupRunId {
        Ids.requireUuid(KIND, value);
    }

    public static GroupRunId random() {
        return new GroupRunId(Ids.randomUuid());
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
