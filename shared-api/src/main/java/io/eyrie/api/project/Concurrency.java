package io.eyrie.api.project;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.eyrie.api.WireEnum;

/** What an action asked for while a job runs does: wait in the queue, or be refused. */
public enum Concurrency {
    QUEUE, REJECT;

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    @JsonCreator
    public static Concurrency fromWire(String value) {
        return WireEnum.parse(Concurrency.class, value);
    }
}
