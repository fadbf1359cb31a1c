package io.eyrie.api.book;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.eyrie.api.id.EntityId;
import io.eyrie.api.id.Ids;

/** A Book job: one run of a Book for one action of one deployment. */
public record JobId(@JsonValue String value) implements EntityId {
    public static final String KIND = "job";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public JobId {
        Ids.requireUuid(KIND, value);
    }

    public static JobId random() {
        return new JobId(Ids.randomUuid());
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
