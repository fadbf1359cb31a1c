package io.eyrie.api.repository;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.eyrie.api.id.EntityId;
import io.eyrie.api.id.Ids;

/** A source repository. */
public record RepositoryId(@JsonValue String value) implements EntityId {
    public static final String KIND = "repository";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public RepositoryId {
        Ids.requireUuid(KIND, value);
    }

    public static RepositoryId random() {
        return new RepositoryId(Ids.randomUuid());
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
