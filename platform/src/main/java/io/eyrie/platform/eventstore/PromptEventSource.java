package io.eyrie.platform.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The event store as a source for tracking processors, without its lost wake-up. Axon 4.13's embedded event store
 * checks for a next event before taking the lock it then waits on, so an event the producer adds in between is
 * noticed only when the wait times out, and a tracking processor waits up to a second. Waiting in short slices
 * bounds that delay to one slice; between slices the consumer only re-reads its in-memory cache.
 */
public class PromptEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {
    private final StreamableMessageSource<TrackedEventMessage<?>> delegate;
    private final Duration slice;

    public PromptEventSource(StreamableMessageSource<TrackedEventMessage<?>> delegate, Duration slice) {
        this.delegate = delegate;
        this.slice = slice;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new SlicedStream<>(delegate.openStream(trackingToken), slice.toNanos());
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }

    static final class SlicedStream<M> implements BlockingStream<M> {
        private final BlockingStream<M> delegate;
        private final long sliceNanos;

        SlicedStream(BlockingStream<M> delegate, long sliceNanos) {
            this.delegate = delegate;
            this.sliceNanos = sliceNanos;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            long remaining;
            do {
                remaining = deadline - System.nanoTime();
                if (delegate.hasNextAvailable((int) Math.max(0, Math.min(remaining, sliceNanos)), TimeUnit.NANOSECONDS)) {
                    return true;
                }
            } while (deadline - System.nanoTime() > 0);
            return false;
        }

        @Override
        public Optional<M> peek() {
            return delegate.peek();
        }

        @Override
        public M nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(M ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return delegate.setOnAvailableCallback(callback);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
