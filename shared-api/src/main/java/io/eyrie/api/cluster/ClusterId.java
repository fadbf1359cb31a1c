package io.eyrie.api.cluster;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.eyrie.api.id.EntityId;
import io.eyrie.api.id.Ids;

/** A Kubernetes cluster, addressed by its slug, which is derived from its name. */
public record ClusterId(@JsonValue String value) implements EntityId {
    public static final String KIND = "cluster";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ClusterId {
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
