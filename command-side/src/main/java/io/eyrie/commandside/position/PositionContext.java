package io.eyrie.commandside.position;

import java.util.concurrent.atomic.AtomicLong;

/** The furthest position a request's commands reached, kept in the request's Reactor context. */
public final class PositionContext {
    private final AtomicLong furthest = new AtomicLong(-1);

    public void reached(long position) {
        furthest.accumulateAndGet(position, Math::max);
    }

    /** The position, or null when the request sent no command. */
    public String position() {
        long position = furthest.get();
        return position < 0 ? null : Long.toString(position);
    }
}
