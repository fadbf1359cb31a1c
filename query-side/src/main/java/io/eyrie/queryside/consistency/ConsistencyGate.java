package io.eyrie.queryside.consistency;

import io.eyrie.queryside.rebuild.ReadModel;
import io.eyrie.queryside.audit.AuditChain;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Holds a read until the read models have processed a position. A position is passed when every segment of the
 * query side's processors, whichever query instance owns it, has a token at or past it that does not list it as a gap.
 * Not Axon's {@link TrackingToken#covers}, which also asks that every older gap be filled: a transaction that rolled
 * back leaves a gap for good (until the processor's gap time-out), and would hold every read behind it. Tokens are
 * read from the shared token store, so this holds across instances. One poll serves every waiting read, and nothing
 * is polled while none waits.
 */
@Component
public class ConsistencyGate implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConsistencyGate.class);
    /** The dashboards' read models. */
    public static final List<String> DASHBOARDS = ReadModel.processors();
    /** The audit trail, time travel and the metrics, read through the audit chain. */
    public static final List<String> AUDIT = List.of(AuditChain.GROUP);

    private final ProcessorTokens tokens;
    private final Duration bound;
    private final Queue<Waiter> waiting = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("consistency-gate").daemon().factory());

    public ConsistencyGate(ProcessorTokens tokens,
                           @Value("${eyrie.queries.consistency-wait:5s}") Duration bound,
                           @Value("${eyrie.queries.consistency-poll:10ms}") Duration poll) {
        this.tokens = tokens;
        this.bound = bound;
        poller.scheduleWithFixedDelay(this::pollSafely, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Duration bound() {
        return bound;
    }

    /** Completes once {@code processors} have processed {@code position}; fails with a time-out past the bound. */
    public Mono<Void> await(long position, List<String> processors) {
        return Mono.<Void>create(sink -> {
                    Waiter waiter = new Waiter(position, processors, sink);
                    waiting.add(waiter);
                    sink.onDispose(() -> waiting.remove(waiter));
                })
                .timeout(bound, Mono.error(() -> new ConsistencyTimeoutException(position, bound)));
    }

    /** A poll that fails (the store is away) leaves the reads waiting; their bound ends them. */
    private void pollSafely() {
        if (waiting.isEmpty()) {
            return;
        }
        try {
            Map<String, List<ProcessorTokens.Segment>> found = tokens.read(
                    java.util.stream.Stream.concat(DASHBOARDS.stream(), AUDIT.stream()).toList());
            for (Waiter waiter : waiting) {
                // A processor with no token rows has not started: it has passed nothing.
                if (waiter.processors().stream().allMatch(processor -> found.containsKey(processor)
                        && found.get(processor).stream().allMatch(row -> passed(row.token(), waiter.position())))) {
                    waiting.remove(waiter);
                    waiter.sink().success();
                }
            }
        } catch (RuntimeException | SQLException e) {
            log.warn("Could not read the read models' positions; waiting reads are held until their bound", e);
        }
    }

    /** During a replay or a merge of segments, the lower of the positions the token holds. */
    static boolean passed(TrackingToken token, long position) {
        TrackingToken current = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (current instanceof GapAwareTrackingToken gapAware) {
            return position <= gapAware.getIndex() && !gapAware.getGaps().contains(position);
        }
        return current != null && current.position().orElse(-1) >= position;
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

    private record Waiter(long position, List<String> processors, MonoSink<Void> sink) {
    }
}
