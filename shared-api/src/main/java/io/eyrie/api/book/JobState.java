package io.eyrie.api.book;

import com.fasterxml.jackson.annotation.JsonValue;

/** State of a Book job, and of each of its steps. */
public enum JobState {
    QUEUED, PENDING, RUNNING, SUCCEEDED, FAILED;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }
}
