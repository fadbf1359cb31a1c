package io.eyrie.queryside.consistency;

import java.time.Duration;

/** The read models did not reach a position within the bound. */
public class ConsistencyTimeoutException extends RuntimeException {
    public ConsistencyTimeoutException(long position, Duration bound) {
        super("The read models had not processed position " + position + " within " + bound.toMillis() + " ms");
    }
}
