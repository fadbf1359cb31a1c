package io.eyrie.api.book;

import java.util.Map;

/**
 * One step as a Book defines it.
 *
 * @param with             the kind's settings, such as the template to render
 * @param estimatedSeconds how long it usually takes; 0 when unknown. Jobs use the average of its past runs once
 *                         there are some, and time the step out at that estimate times the Book's multiplier
 */
public record BookStep(String name, StepKind kind, Map<String, String> with, long estimatedSeconds) {
    public BookStep {
        with = with == null ? Map.of() : Map.copyOf(with);
    }
}
