package io.eyrie.platform.deadletter;

import io.eyrie.platform.security.Caller;
import io.eyrie.platform.web.NotFoundException;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;

/**
 * What this service's processors could not handle, for operators: each dead letter with its event, aggregate and
 * cause (never its payload), and a way to try them again once the cause is fixed. A letter that fails again stays
 * queued, with its cause updated.
 */
@RestController
public class DeadLetterController {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterController.class);
    private static final int LIMIT = 100;

    private final List<String> groups;
    private final JdbcClient jdbc;
    private final Configuration axon;

    DeadLetterController(List<String> groups, JdbcClient jdbc, Configuration axon) {
        this.groups = groups;
        this.jdbc = jdbc;
        this.axon = axon;
    }

    public record DeadLetterView(String processor, String sequence, long index, String eventType, String eventId,
                                 String aggregate, String enqueuedAt, String lastTouchedAt, String causeType,
                                 String causeMessage) {
    }

    public record DeadLetterList(List<String> processors, List<DeadLetterView> items, long total) {
    }

    public record RetryResult(String processor, int retried, long remaining) {
    }

    @GetMapping("/api/dead-letters")
    public Mono<DeadLetterList> list() {
        return Mono.fromCallable(() -> {
            if (groups.isEmpty()) {
                return new DeadLetterList(groups, List.of(), 0);
            }
            List<DeadLetterView> items = jdbc.sql("SELECT processinggroup, sequenceidentifier, sequenceindex, "
                            + "payloadtype, eventidentifier, aggregateidentifier, enqueuedat, lasttouched, causetype, "
                            + "causemessage FROM deadletterentry WHERE processinggroup IN (:groups) "
                            + "ORDER BY enqueuedat, sequenceindex LIMIT " + LIMIT)
                    .param("groups", groups)
                    .query((row, n) -> new DeadLetterView(row.getString(1), row.getString(2), row.getLong(3),
                            row.getString(4), row.getString(5), row.getString(6), row.getString(7), row.getString(8),
                            row.getString(9), row.getString(10)))
                    .list();
            return new DeadLetterList(groups, items, total(groups));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** Each sequence is tried from its first letter; one that fails again keeps the rest of its own sequence behind it. */
    @PostMapping("/api/dead-letters/{processor}/retry")
    public Mono<RetryResult> retry(@PathVariable String processor, Caller caller) {
        return Mono.fromCallable(() -> {
            if (!groups.contains(processor)) {
                throw new NotFoundException("this service has no dead-lettering processor '" + processor
                        + "'; it has " + groups);
            }
            SequencedDeadLetterProcessor<EventMessage<?>> letters = axon.eventProcessingConfiguration()
                    .sequencedDeadLetterProcessor(processor).orElseThrow();
            long before = total(List.of(processor));
            // A sequence that fails again goes to the back of the queue, so the others still get their turn.
            int retried = 0;
            for (long i = 0; i < before; i++) {
                if (letters.processAny()) {
                    retried++;
                }
            }
            long remaining = total(List.of(processor));
            log.info("{} retried the dead letters of {}: {} sequences handled, {} letters remain", caller.user(),
                    processor, retried, remaining);
            return new RetryResult(processor, retried, remaining);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private long total(List<String> processors) {
        return jdbc.sql("SELECT count(*) FROM deadletterentry WHERE processinggroup IN (:groups)")
                .param("groups", processors).query(Long.class).single();
    }

}
