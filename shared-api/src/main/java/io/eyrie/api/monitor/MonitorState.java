package io.eyrie.api.monitor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a monitor's target is doing. Declared from best to worst, so a card's state is the greatest of its monitors';
 * {@code unknown} (not checked: the deployment is paused, has no active release, or was never checked) ranks below
 * {@code ok}, so one paused monitor does not hide another's error and no monitor at all reads as nothing known.
 */
public enum MonitorState {
    UNKNOWN, OK, WARNING, ERROR;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static MonitorState fromWire(String value) {
        return Arrays.stream(values()).filter(state -> state.wire().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown monitor state: " + value));
    }

    /** How many are in each state, every state named (0 included) so dashboards need not guess. */
    public static Map<MonitorState, Integer> counts(Collection<MonitorState> states) {
        Map<MonitorState, Integer> counts = new EnumMap<>(MonitorState.class);
        for (MonitorState state : values()) {
            counts.put(state, 0);
        }
        states.forEach(state -> counts.merge(state, 1, Integer::sum));
        return counts;
    }

    /** The worst of them, or null when there are none. */
    public static MonitorState worst(Collection<MonitorState> states) {
        return states.stream().max(Enum::compareTo).orElse(null);
    }
}
