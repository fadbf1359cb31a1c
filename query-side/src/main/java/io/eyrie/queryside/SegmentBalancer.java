package io.eyrie.queryside;

import io.eyrie.queryside.consistency.ProcessorTokens;
import io.eyrie.queryside.rebuild.ReadModel;
import io.eyrie.queryside.rebuild.ReadModelGenerations;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Shares the dashboards' segments between the query instances. Axon's tracking processors claim every segment they
 * have a thread for, so the first instance up would process them all; without Axon Server nothing balances them.
 * Each instance whose processors run counts its beats in {@code query_instances}; one that holds more than its fair
 * share (the segments over the instances alive, rounded up) lets go of the excess for a while, for an instance with
 * fewer to claim. Nothing is dropped: a segment no other instance claims is claimed again by the one that let it go
 * once its release ends, and one whose instance died is claimed by another once the claim times out.
 * <p>
 * An instance is alive while its count moves, as this instance's own clock sees it, so clocks need not agree. When
 * what it let go of comes back unclaimed (the others are alive but cannot claim), it waits longer before trying
 * again. It never lets go of a segment of a read model being rebuilt: the rebuild takes a processor that claims
 * nothing for one that is paused.
 */
@Component
public class SegmentBalancer {
    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);
    static final String COLLECTION = "query_instances";
    private static final Duration LONGEST_BACKOFF = Duration.ofMinutes(5);

    private final MongoTemplate mongo;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final ProcessorTokens tokens;
    private final ReadModelGenerations generations;
    private final Duration beat;
    private final Duration release;
    private final Duration settle;
    private final String instance = UUID.randomUUID().toString();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("segment-balancer").daemon().factory());
    /** Only the loop's thread reads and writes these. */
    private long beats;
    private final Peers peers;
    private Instant lastRelease;
    private List<Map.Entry<String, Integer>> released = List.of();
    private Duration backoff = Duration.ZERO;
    private Instant quietUntil = Instant.MIN;

    public SegmentBalancer(MongoTemplate mongo, ObjectProvider<EventProcessingConfiguration> processing,
                           ProcessorTokens tokens, ReadModelGenerations generations,
                           @Value("${eyrie.read-models.claim-interval:2s}") Duration claimInterval,
                           @Value("${eyrie.read-models.balance-beat:1s}") Duration beat) {
        this.mongo = mongo;
        this.processing = processing;
        this.tokens = tokens;
        this.generations = generations;
        this.beat = beat;
        this.peers = new Peers(instance, stale());
        // Long enough for another instance to claim what was let go.
        this.release = claimInterval.multipliedBy(2).plus(beat);
        this.settle = release.plus(claimInterval).plus(beat);
    }

    /**
     * How long after this instance last saw no rebuild a segment it let go of may still be unclaimed: a rebuild
     * waits this long after it was asked for before it takes unclaimed segments for paused ones.
     */
    public Duration releaseWindow() {
        return release.plus(beat.multipliedBy(2));
    }

    @EventListener(ApplicationStartedEvent.class)
    public void start() {
        loop.scheduleWithFixedDelay(this::beatSafely, 0, beat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Gone at once, so the others do not leave segments for it. */
    @EventListener(ContextClosedEvent.class)
    public void stop() throws InterruptedException {
        loop.shutdownNow();
        loop.awaitTermination(10, TimeUnit.SECONDS);
        try {
            mongo.remove(Query.query(where("_id").is(instance)), COLLECTION);
        } catch (RuntimeException e) {
            log.warn("Could not say that this query instance stops; the others notice within {}", stale(), e);
        }
    }

    private void beatSafely() {
        try {
            beat();
        } catch (RuntimeException | SQLException e) {
            if (!loop.isShutdown()) {
                // Nothing is lost: segments stay where they are until the next beat.
                log.warn("Could not balance the dashboards' segments; trying again in {}", beat, e);
            }
        }
    }

    void beat() throws SQLException {
        Instant now = Instant.now();
        EventProcessingConfiguration axon = processing.getObject();
        Map<String, TrackingEventProcessor> running = new LinkedHashMap<>();
        Map<String, List<Integer>> claimed = new LinkedHashMap<>();
        for (String name : ReadModel.processors()) {
            boolean rebuilt = ReadModel.fedBy(name).stream().anyMatch(generations::building);
            axon.eventProcessor(name, TrackingEventProcessor.class).filter(TrackingEventProcessor::isRunning)
                    .ifPresent(processor -> {
                        running.put(name, processor);
                        if (!rebuilt) {
                            claimed.put(name, List.copyOf(processor.processingStatus().keySet()));
                        }
                    });
        }
        if (running.isEmpty()) {
            // Its processors were stopped (by an operator, or the context is closing): it takes no share.
            mongo.remove(Query.query(where("_id").is(instance)), COLLECTION);
            return;
        }
        mongo.upsert(Query.query(where("_id").is(instance)), Update.update("beat", ++beats), COLLECTION);
        int alive = alive(now);
        // After a release, wait until it has ended and the segments could have been claimed back here.
        if (now.isBefore(quietUntil) || (lastRelease != null && now.isBefore(lastRelease.plus(settle)))) {
            return;
        }
        Map<String, Integer> segments = new LinkedHashMap<>();
        tokens.read(ReadModel.processors()).forEach((name, rows) -> segments.put(name, rows.size()));
        List<Map.Entry<String, Integer>> letGo = excess(claimed, segments, alive);
        if (lastRelease != null) {
            lastRelease = null;
            if (released.stream().anyMatch(segment ->
                    claimed.getOrDefault(segment.getKey(), List.of()).contains(segment.getValue()))) {
                // What it let go of came back: the others could not claim it.
                backoff = backoff.isZero() ? release.multipliedBy(4) : min(backoff.multipliedBy(2), LONGEST_BACKOFF);
                quietUntil = now.plus(backoff);
                log.warn("The segments this query instance let go of were not claimed by the {} others alive; "
                        + "trying again in {}", alive - 1, backoff);
                return;
            }
            backoff = Duration.ZERO;
        }
        for (Map.Entry<String, Integer> segment : letGo) {
            log.info("Letting go of segment {} of {} for {}: {} query instances share {} segments",
                    segment.getValue(), segment.getKey(), release, alive,
                    segments.values().stream().mapToInt(Integer::intValue).sum());
            running.get(segment.getKey()).releaseSegment(segment.getValue(), release.toMillis(), TimeUnit.MILLISECONDS);
            lastRelease = now;
        }
        released = letGo;
    }

    /** This instance and those whose count moved within {@link #stale()}, by this instance's clock. */
    private int alive(Instant now) {
        Map<String, Long> counts = new HashMap<>();
        for (Document row : mongo.getCollection(COLLECTION).find()) {
            if (row.get("beat") instanceof Number count) {
                counts.put(String.valueOf(row.get("_id")), count.longValue());
            }
        }
        Peers.Seen seen = peers.observe(counts, now);
        // Long gone without a word: their rows go, unless they beat again meanwhile.
        seen.gone().forEach((id, count) -> mongo.remove(Query.query(where("_id").is(id).and("beat").is(count)),
                COLLECTION));
        return seen.alive();
    }

    /** The other instances' counts as this one saw them move. */
    static final class Peers {
        private final String self;
        private final Duration stale;
        private final Map<String, Long> counts = new HashMap<>();
        private final Map<String, Instant> moved = new HashMap<>();

        record Seen(int alive, Map<String, Long> gone) {
        }

        Peers(String self, Duration stale) {
            this.self = self;
            this.stale = stale;
        }

        /** {@code alive} counts this instance; {@code gone} are those silent ten times longer than stale. */
        Seen observe(Map<String, Long> current, Instant now) {
            counts.keySet().retainAll(current.keySet());
            moved.keySet().retainAll(current.keySet());
            int alive = 1;
            Map<String, Long> gone = new HashMap<>();
            for (Map.Entry<String, Long> entry : current.entrySet()) {
                String id = entry.getKey();
                if (id.equals(self)) {
                    continue;
                }
                if (!entry.getValue().equals(counts.put(id, entry.getValue()))) {
                    moved.put(id, now);
                }
                Instant last = moved.get(id);
                if (last.plus(stale).isAfter(now)) {
                    alive++;
                } else if (last.plus(stale.multipliedBy(10)).isBefore(now)) {
                    gone.put(id, entry.getValue());
                }
            }
            return new Seen(alive, gone);
        }
    }

    /** An instance whose count has not moved for this long is taken for gone. */
    private Duration stale() {
        return beat.multipliedBy(5);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * The segments to let go of: all beyond this instance's fair share of the {@code segments} of every processor
     * between {@code alive} instances. From the processors holding most here first, and among those, the ones with
     * fewest segments: a split processor is best shared, a small one moves whole.
     */
    static List<Map.Entry<String, Integer>> excess(Map<String, List<Integer>> claimed, Map<String, Integer> segments,
                                                   int alive) {
        int total = segments.values().stream().mapToInt(Integer::intValue).sum();
        int fair = (total + alive - 1) / alive;
        Map<String, List<Integer>> left = new LinkedHashMap<>();
        claimed.forEach((name, held) -> left.put(name, new ArrayList<>(held)));
        int mine = left.values().stream().mapToInt(List::size).sum();
        List<Map.Entry<String, Integer>> letGo = new ArrayList<>();
        while (mine > fair) {
            var most = left.entrySet().stream().max(Comparator.<Map.Entry<String, List<Integer>>>comparingInt(
                            entry -> entry.getValue().size())
                    .thenComparingInt(entry -> -segments.getOrDefault(entry.getKey(), 1))).orElseThrow();
            letGo.add(Map.entry(most.getKey(), most.getValue().removeLast()));
            mine--;
        }
        return letGo;
    }
}
