package io.eyrie.api.project;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.eyrie.api.id.EntityId;
import io.eyrie.api.id.Ids;

/** A deployment group; addressed over HTTP by its name in its project. */
public record GroupId(@JsonValue String value) implements EntityId {
    public static final String KIND = "group";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public GroupId {
        Ids.requireUuid(KIND, value);
    }

    public static GroupId random() {
        return new GroupId(Ids.randomUuid());
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
