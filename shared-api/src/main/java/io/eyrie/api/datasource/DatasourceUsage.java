package io.eyrie.api.datasource;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.eyrie.api.WireEnum;

/** What a datasource is for; a scope's backups go to a {@code remote_backup} one. */
public enum DatasourceUsage {
    REMOTE_BACKUP, RESTORE_SOURCE, APPLICATION_DATA;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static DatasourceUsage fromWire(String value) {
        for (DatasourceUsage usage : values()) {
            if (usage.wire().equals(value)) {
                return usage;
            }
        }
        throw new IllegalArgumentException("must be one of remote_backup, restore_source, application_data");
    }
}
