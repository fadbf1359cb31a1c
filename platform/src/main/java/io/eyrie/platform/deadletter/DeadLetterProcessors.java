package io.eyrie.platform.deadletter;

import java.util.List;

/**
 * The processing groups of a service whose poison events go to the dead-letter queue instead of stopping them.
 * A service declares this bean; without one it dead-letters nothing.
 */
public record DeadLetterProcessors(List<String> groups) {
    public DeadLetterProcessors {
        groups = List.copyOf(groups);
    }
}
