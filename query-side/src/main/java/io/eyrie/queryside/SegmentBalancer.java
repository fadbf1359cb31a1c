package io.eyrie.queryside;

import io.eyrie.queryside.rebuild.ReadModel;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 * Each instance says every beat that it is alive, and one that holds more than its fair share (the segments
 * divided by the instances alive, rounded up) lets go of the excess for a while, for an instance with fewer to
 * claim. Nothing is dropped: a segment no other instance claims is claimed again by the one that let it go once
 * its release ends, and one whose instance died is claimed by another once the claim times out.
 */
@Component
public class SegmentBalancer {
    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);
    static final String COLLECTION = "query_instances";

    private final MongoTemplate mongo;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final Map<String, Integer> segments = new LinkedHashMap<>();
    private final Duration beat;
    private final Duration release;
    private final Clock clock = Clock.systemUTC();
    private final String instance = UUID.randomUUID().toString();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("segment-balancer").daemon().factory());

    public SegmentBalancer(MongoTemplate mongo, ObjectProvider<EventProcessingConfiguration> processing,
                           @Value("${eyrie.read-models.segments:2}") int busy,
                           @Value("${eyrie.read-models.claim-interval:2s}") Duration claimInterval,
                           @Value("${eyrie.read-models.balance-beat:1s}") Duration beat) {
        this.mongo = mongo;
        this.processing = processing;
        for (ReadModel model : ReadModel.values()) {
            segments.put(model.processor(), DashboardProcessing.segments(model, busy));
        }
        this.beat = beat;
        // Long enough for another instance to claim what was let go.
        this.release = claimInterval.multipliedBy(2).plus(beat);
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
        } catch (RuntimeException e) {
            if (!loop.isShutdown()) {
                // Nothing is lost: segments stay where they are until the next beat.
                log.warn("Could not balance the dashboards' segments; trying again in {}", beat, e);
            }
        }
    }

    void beat() {
        Instant now = clock.instant();
        EventProcessingConfiguration axon = processing.getObject();
        Map<String, TrackingEventProcessor> running = new LinkedHashMap<>();
        Map<String, List<Integer>> claimed = new LinkedHashMap<>();
        for (String name : ReadModel.processors()) {
            axon.eventProcessor(name, TrackingEventProcessor.class).filter(TrackingEventProcessor::isRunning)
                    .ifPresent(processor -> {
                        running.put(name, processor);
                        claimed.put(name, List.copyOf(processor.processingStatus().keySet()));
                    });
        }
        if (running.isEmpty()) {
            // Its processors were stopped (by an operator, or the context is closing): it takes no share.
            mongo.remove(Query.query(where("_id").is(instance)), COLLECTION);
            return;
        }
        mongo.upsert(Query.query(where("_id").is(instance)), Update.update("seenAt", now), COLLECTION);
        mongo.remove(Query.query(where("seenAt").lt(now.minus(stale().multipliedBy(10)))), COLLECTION);
        int alive = (int) Math.max(1, mongo.count(Query.query(where("seenAt").gte(now.minus(stale()))),
                COLLECTION));
        for (Map.Entry<String, Integer> letGo : excess(claimed, segments, alive)) {
            log.info("Letting go of segment {} of {} for {}: {} query instances share {} segments",
                    letGo.getValue(), letGo.getKey(), release, alive, segments.values().stream()
                            .mapToInt(Integer::intValue).sum());
            running.get(letGo.getKey()).releaseSegment(letGo.getValue(), release.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** An instance that missed this many beats is taken for gone. */
    private Duration stale() {
        return beat.multipliedBy(5);
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
