package io.eyrie.api.grouprun;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How one member's action ended. {@code SKIPPED}: nothing to change (a redeploy), which counts as done. */
public enum MemberOutcome {
    SUCCEEDED, SKIPPED, FAILED, CANCELLED, REFUSED;

    public boolean done() {
        return this == SUCCEEDED || this == SKIPPED;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
