package io.eyrie.api.book;

import com.fasterxml.jackson.annotation.JsonValue;

/** State of a Book job, and of each of its steps. */
public enum JobState {
    /** Waiting behind another job of its deployment. */
    QUEUED,
    /** Waiting for a runner. */
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    /** Did not finish in time; nobody may start or continue it. */
    EXPIRED;

    /** The state a client names, as {@link #wire()} writes it. */
    public static JobState fromWire(String value) {
        return java.util.Arrays.stream(values()).filter(state -> state.wire().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown job state: " + value));
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == EXPIRED;
    }
}
