package io.eyrie.api.project;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.eyrie.api.id.EntityId;
import io.eyrie.api.id.Ids;

/** A project, addressed by its slug, which is unique across the system. */
public record ProjectId(@JsonValue String value) implements EntityId {
    public static final String KIND = "project";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ProjectId {
        Ids.requireSlug(KIND, value);
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
