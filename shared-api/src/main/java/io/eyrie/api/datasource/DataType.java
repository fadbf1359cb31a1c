package io.eyrie.api.datasource;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.eyrie.api.WireEnum;

/** What a datasource is: an S3-like bucket, or a database reached by a connection reference. */
public enum DataType {
    S3LIKE, DATABASE;

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    @JsonCreator
    public static DataType fromWire(String value) {
        return WireEnum.parse(DataType.class, value);
    }
}
