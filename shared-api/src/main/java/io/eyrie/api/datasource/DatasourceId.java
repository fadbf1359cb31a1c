package io.eyrie.api.datasource;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.eyrie.api.id.EntityId;
import io.eyrie.api.id.Ids;

/** An external data store, such as a backup bucket. */
public record DatasourceId(@JsonValue String value) implements EntityId {
    public static final String KIND = "datasource";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public DatasourceId {
        Ids.requireUuid(KIND, value);
    }

    public static DatasourceId random() {
        return new DatasourceId(Ids.randomUuid());
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
