package io.eyrie.api.repository;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.eyrie.api.id.EntityId;
import io.eyrie.api.id.Ids;

/** A container image built from a repository. */
public record ImageId(@JsonValue String value) implements EntityId {
    public static final String KIND = "image";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ImageId {
        Ids.requireUuid(KIND, value);
    }

    public static ImageId random() {
        return new ImageId(Ids.randomUuid());
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
