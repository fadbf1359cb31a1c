package io.eyrie.queryside.rebuild;

import io.eyrie.queryside.consistency.ProcessorTokens;
import io.eyrie.queryside.rebuild.ReadModelState.Phase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.ReplaceOptions;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.index.IndexResolver;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Runs rebuilds without downtime. Queries and each read model's live processor use its live generation while the
 * rebuild processors ({@link RebuildLanes}) replay every event into the next one. Once they have nearly caught up, the live processors of the
 * read models being rebuilt stop on every instance (the others go on); once the rebuild has seen every event they
 * had, it stops too, and one write to the shared state makes the new generations live. The live processors then go
 * on from their own tokens, handling again the few events the rebuild had already applied, which the projections'
 * idempotence allows.
 * <p>
 * Every instance runs this loop: it follows the shared state, starts and stops its own processors to match, and
 * makes whichever step is due, guarded by the state's version, so the rebuild goes on if the instance that started
 * it dies. The old generations are dropped a little later, once no instance can still be reading them.
 */
@Component
public class RebuildSupervisor implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(RebuildSupervisor.class);

    private final MongoTemplate mongo;
    private final ReadModelGenerations generations;
    private final BuiltDocuments builtDocuments;
    private final RebuildLanes lanes;
    private final Duration releaseWindow;
    private final ProcessorTokens tokens;
    private final EventCounts events;
    private final String instance = UUID.randomUUID().toString();
    /** The live processors this loop stopped; only the loop's thread reads and writes it. */
    private final java.util.Set<String> pausedLive = new java.util.HashSet<>();
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final Clock clock;
    private final Duration tick;
    private final long switchLag;
    private final Duration pauseLimit;
    private final Duration retireAfter;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("read-model-rebuilds").daemon().factory());

    public RebuildSupervisor(MongoTemplate mongo, ReadModelGenerations generations, BuiltDocuments builtDocuments,
                             RebuildLanes lanes, ProcessorTokens tokens,
                             io.eyrie.queryside.SegmentBalancer balancer,
                             EventCounts events,
                             ObjectProvider<EventProcessingConfiguration> processing,
                             @Value("${eyrie.read-models.tick:200ms}") Duration tick,
                             @Value("${eyrie.read-models.switch-lag:200}") long switchLag,
                             @Value("${eyrie.read-models.pause-limit:15s}") Duration pauseLimit,
                             @Value("${eyrie.read-models.retire-after:10s}") Duration retireAfter) {
        this.mongo = mongo;
        this.generations = generations;
        this.builtDocuments = builtDocuments;
        this.lanes = lanes;
        this.releaseWindow = balancer.releaseWindow();
        this.tokens = tokens;
        this.events = events;
        this.processing = processing;
        this.clock = Clock.systemUTC();
        this.tick = tick;
        this.switchLag = switchLag;
        this.pauseLimit = pauseLimit;
        this.retireAfter = retireAfter;
    }

    /** Before any processor starts or any query is served: which generations are live, with their indexes. */
    @Override
    public void afterSingletonsInstantiated() {
        ReadModelState state = load();
        generations.replace(state.liveGenerations(), state.buildingGenerations());
        for (ReadModel model : ReadModel.values()) {
            ensureIndexes(model, state.live(model));
        }
    }

    @EventListener(ApplicationStartedEvent.class)
    public void follow() {
        loop.scheduleWithFixedDelay(this::tickSafely, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Before Axon stops the processors, so that this loop does not start them again. */
    @EventListener(ContextClosedEvent.class)
    public void stop() throws InterruptedException {
        loop.shutdownNow();
        loop.awaitTermination(10, TimeUnit.SECONDS);
    }

    public ReadModelState state() {
        return load();
    }

    /**
     * Starts rebuilding {@code models}; empty when another rebuild is under way, or the last one's replaced
     * generations are still kept for instances that may not have switched yet. The new generations are emptied and
     * indexed here, before a rebuild processor starts anywhere.
     */
    Optional<ReadModelState> request(Collection<ReadModel> models, String initiator, String reason) {
        ReadModelState state = load();
        if (state.phase != Phase.IDLE || !state.retired.isEmpty()) {
            return Optional.empty();
        }
        ReadModelState.Rebuild rebuild = new ReadModelState.Rebuild();
        rebuild.id = UUID.randomUUID().toString();
        rebuild.readModels = models.stream().map(ReadModel::modelName).toList();
        rebuild.requestedBy = initiator;
        rebuild.reason = reason;
        rebuild.requestedAt = clock.instant();
        rebuild.outcome = "running";
        state.rebuild = rebuild;
        state.building = new LinkedHashMap<>();
        for (ReadModel model : models) {
            state.building.put(model.modelName(), state.live(model) + 1);
        }
        if (!advance(state, Phase.PREPARING)) {
            return Optional.empty();
        }
        log.info("{} asked to rebuild {}: {}", initiator, rebuild.readModels, reason);
        try {
            preparePhase(state, clock.instant());
        } catch (SQLException | RuntimeException e) {
            // The loop prepares it on its next tick.
            log.warn("Could not prepare the rebuild of {} at once; it is prepared shortly", rebuild.readModels, e);
        }
        return Optional.of(load());
    }

    /** Ends the rebuild under way; the live generations stay. Empty when there is none or it is switching. */
    Optional<ReadModelState> cancel(String initiator, String reason) {
        ReadModelState state = load();
        if (state.phase == Phase.IDLE || state.phase == Phase.SWITCHING) {
            return Optional.empty();
        }
        state.building = new LinkedHashMap<>();
        state.rebuild.outcome = "cancelled";
        state.rebuild.cancelledBy = initiator;
        state.rebuild.cancelReason = reason;
        state.rebuild.finishedAt = clock.instant();
        if (!advance(state, Phase.IDLE)) {
            return Optional.empty();
        }
        log.info("{} cancelled the rebuild of {}: {}", initiator, state.rebuild.readModels, reason);
        return Optional.of(load());
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException | SQLException e) {
            if (loop.isShutdown()) {
                // Interrupted by the context closing: there is no next tick, and nothing was half done.
                return;
            }
            // Nothing is lost: the next tick reads the shared state again and makes the step then.
            log.error("The read-model rebuild loop could not make its step; it tries again", e);
        }
    }

    void tick() throws SQLException {
        ReadModelState state = load();
        generations.replace(state.liveGenerations(), state.buildingGenerations());
        align(state);
        Instant now = clock.instant();
        switch (state.phase) {
            case IDLE -> retire(state, now);
            case PREPARING -> preparePhase(state, now);
            case BUILDING -> {
                reportError(state);
                Map<String, List<ProcessorTokens.Segment>> rows = positions(state);
                List<ProcessorTokens.Segment> rebuild = rebuild(state, rows);
                long live = live(state, rows).stream()
                        .mapToLong(ProcessorTokens.Segment::position).max().orElse(-1);
                long rebuilt = ProcessorTokens.lowestPosition(rebuild);
                if (!rebuild.isEmpty() && rebuilt >= live - switchLag) {
                    advance(state, Phase.PAUSING);
                }
            }
            case PAUSING -> {
                reportError(state);
                Map<String, List<ProcessorTokens.Segment>> rows = positions(state);
                List<ProcessorTokens.Segment> live = live(state, rows);
                List<ProcessorTokens.Segment> rebuild = rebuild(state, rows);
                // A segment let go of by the balancer before it saw the rebuild is unclaimed but not paused.
                boolean released = state.rebuild.requestedAt.plus(releaseWindow).isAfter(now);
                if (!released && live.stream().noneMatch(segment -> segment.claimed(now)) && covers(rebuild, live)) {
                    advance(state, Phase.SWITCHING);
                } else if (state.phaseSince.plus(pauseLimit).isBefore(now)) {
                    log.warn("The rebuild of {} did not pass the live read models within {}; the live processors "
                            + "go on and the rebuild tries again", state.rebuild.readModels, pauseLimit);
                    advance(state, Phase.BUILDING);
                }
            }
            case SWITCHING -> {
                Map<String, List<ProcessorTokens.Segment>> rows = positions(state);
                List<ProcessorTokens.Segment> live = live(state, rows);
                List<ProcessorTokens.Segment> rebuild = rebuild(state, rows);
                if (live.stream().anyMatch(segment -> segment.claimed(now)) || !covers(rebuild, live)) {
                    // An instance that had not seen the pause yet ran the live processor on: pause again.
                    advance(state, Phase.PAUSING);
                } else if (rebuild.stream().noneMatch(segment -> segment.claimed(now))) {
                    switchOver(state, rebuild);
                }
            }
        }
    }

    /**
     * The instances whose rebuild processors have segments say in the shared state whether one is failing, so the
     * progress shows the error on every instance. A processor in error retries; the rebuild waits until its cause is
     * mended or it is cancelled. An instance with none of them says nothing; one with several, the first failing.
     */
    private void reportError(ReadModelState state) {
        EventProcessingConfiguration axon = processing.getObject();
        List<Map<Integer, EventTrackerStatus>> held = lanes.of(state.buildingGenerations().keySet()).stream()
                .map(lane -> axon.eventProcessor(lane, TrackingEventProcessor.class))
                .flatMap(Optional::stream).map(TrackingEventProcessor::processingStatus)
                .filter(statuses -> !statuses.isEmpty()).toList();
        if (held.isEmpty()) {
            return;
        }
        String error = held.stream().map(RebuildSupervisor::errorOf).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
        if (!java.util.Objects.equals(error, state.rebuild.error)) {
            state.rebuild.error = error;
            advance(state, state.phase);
        }
    }

    /** What a processor's segments here last failed on, or null when none is failing. */
    static String errorOf(Map<Integer, EventTrackerStatus> statuses) {
        return statuses.values().stream().filter(EventTrackerStatus::isErrorState).findFirst()
                .map(status -> String.valueOf(status.getError())).orElse(null);
    }

    /**
     * This instance's processors, as the phase wants them: the live ones of the read models being rebuilt stop for
     * the switch, the rebuild one runs only for a rebuild. A live processor is started again only if this loop
     * stopped it.
     */
    private void align(ReadModelState state) {
        Phase phase = state.phase;
        EventProcessingConfiguration axon = processing.getObject();
        boolean pause = phase == Phase.PAUSING || phase == Phase.SWITCHING;
        List<String> rebuilding = rebuilding(state);
        for (String name : ReadModel.processors()) {
            boolean liveRuns = !(pause && rebuilding.contains(name));
            axon.eventProcessor(name, TrackingEventProcessor.class).ifPresent(processor -> {
                if (!liveRuns && processor.isRunning()) {
                    processor.shutDown();
                    pausedLive.add(name);
                } else if (liveRuns && pausedLive.remove(name)) {
                    processor.start();
                }
            });
        }
        boolean rebuildRuns = phase == Phase.BUILDING || phase == Phase.PAUSING;
        List<String> building = lanes.of(state.buildingGenerations().keySet());
        for (String lane : lanes.all()) {
            boolean runs = rebuildRuns && building.contains(lane);
            axon.eventProcessor(lane, TrackingEventProcessor.class).ifPresent(processor -> {
                if (runs && !processor.isRunning()) {
                    // Another instance may have built while this one's processor was stopped.
                    builtDocuments.forget(lanes.models(lane));
                    processor.start();
                } else if (!runs && processor.isRunning()) {
                    processor.shutDown();
                    builtDocuments.forget(lanes.models(lane));
                }
            });
        }
    }

    /**
     * Once no instance still runs a rebuild processor (a cancelled rebuild's may take a tick to stop), one instance
     * takes the preparation, fenced by the state's version; another takes it over only if that one has gone quiet.
     */
    private void preparePhase(ReadModelState state, Instant now) throws SQLException {
        boolean free = state.preparedBy == null || state.phaseSince.plus(pauseLimit).isBefore(now);
        if (!free) {
            return;
        }
        Map<String, List<ProcessorTokens.Segment>> rows = positions(state);
        if (lanes.all().stream().flatMap(lane -> rows.getOrDefault(lane, List.of()).stream())
                .anyMatch(segment -> segment.claimed(now))) {
            return;
        }
        if (state.preparedBy != null && !state.preparedBy.equals(instance)) {
            // Taken over from an instance gone quiet: build under new names, so its late drops hit unused ones.
            log.warn("Taking over the preparation of the rebuild of {} from {}, which went quiet",
                    state.rebuild.readModels, state.preparedBy);
            state.building.replaceAll((model, generation) -> generation + 1);
        }
        state.preparedBy = instance;
        state.phaseSince = null;
        if (advance(state, Phase.PREPARING)) {
            prepare(state);
        }
    }

    /** Empties and indexes the new generations and forgets the rebuild processors' positions; then they may start. */
    private void prepare(ReadModelState state) throws SQLException {
        for (String lane : lanes.all()) {
            tokens.delete(lane);
        }
        state.buildingGenerations().forEach((model, generation) -> {
            for (String base : model.collections()) {
                drop(ReadModel.collection(base, generation));
            }
            ensureIndexes(model, generation);
        });
        state.rebuild.startedAt = clock.instant();
        state.preparedBy = null;
        advance(state, Phase.BUILDING);
    }

    /** The one write that makes the new generations live. */
    private void switchOver(ReadModelState state, List<ProcessorTokens.Segment> rebuild) throws SQLException {
        state.building.forEach((model, generation) -> {
            // Retired by an earlier switch and not yet dropped: a whole rebuild has passed since, it can go now.
            Integer older = state.retired.put(model, state.live.getOrDefault(model, 0));
            if (older != null) {
                ReadModel.named(model).ifPresent(found -> found.collections()
                        .forEach(base -> drop(ReadModel.collection(base, older))));
            }
            state.live.put(model, generation);
        });
        state.building = new LinkedHashMap<>();
        state.rebuild.finishedAt = clock.instant();
        state.rebuild.outcome = "done";
        state.rebuild.eventsDone = events.upTo(ProcessorTokens.lowestPosition(rebuild));
        state.rebuild.eventsTotal = events.all();
        if (advance(state, Phase.IDLE)) {
            generations.replace(state.liveGenerations(), state.buildingGenerations());
            for (String lane : lanes.all()) {
                tokens.delete(lane);
            }
            log.info("Rebuilt {} and made them live: generations {}", state.rebuild.readModels, state.live);
        }
    }

    /** Drops the generations the last switch replaced, once every instance has had time to see the switch. */
    private void retire(ReadModelState state, Instant now) {
        if (state.retired.isEmpty() || state.phaseSince.plus(retireAfter).isAfter(now)) {
            return;
        }
        state.retired.forEach((name, generation) -> ReadModel.named(name).ifPresent(model -> {
            if (state.live(model) != generation) {
                model.collections().forEach(base -> drop(ReadModel.collection(base, generation)));
            }
        }));
        state.retired = new LinkedHashMap<>();
        advance(state, Phase.IDLE);
    }

    /** Only what exists: dropping a missing collection is an error some servers log. */
    private void drop(String collection) {
        if (mongo.collectionExists(collection)) {
            mongo.dropCollection(collection);
        }
    }

    /** Every segment of the rebuild has seen every event any segment of the live processor has. */
    private static boolean covers(List<ProcessorTokens.Segment> rebuild, List<ProcessorTokens.Segment> live) {
        if (rebuild.isEmpty()) {
            return false;
        }
        for (ProcessorTokens.Segment built : rebuild) {
            for (ProcessorTokens.Segment current : live) {
                if (current.token() == null) {
                    continue;
                }
                TrackingToken seen = built.token() == null ? null : WrappedToken.unwrapLowerBound(built.token());
                if (seen == null || !seen.covers(WrappedToken.unwrapUpperBound(current.token()))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The positions of the rebuild processors and of the live ones of the read models being rebuilt. */
    private Map<String, List<ProcessorTokens.Segment>> positions(ReadModelState state) throws SQLException {
        List<String> processors = new java.util.ArrayList<>(rebuilding(state));
        processors.addAll(lanes.all());
        return tokens.read(processors);
    }

    /**
     * The segments of the rebuild processors building {@code state}'s read models; none until every one of them
     * has its token, so that no comparison passes on the ones that have started alone.
     */
    private List<ProcessorTokens.Segment> rebuild(ReadModelState state,
                                                  Map<String, List<ProcessorTokens.Segment>> rows) {
        return segments(lanes.of(state.buildingGenerations().keySet()), rows);
    }

    /** The segments of {@code building}, the rebuild processors; none until every one of them has its token. */
    static List<ProcessorTokens.Segment> segments(List<String> building,
                                                  Map<String, List<ProcessorTokens.Segment>> rows) {
        if (building.stream().anyMatch(lane -> rows.getOrDefault(lane, List.of()).isEmpty())) {
            return List.of();
        }
        return building.stream().flatMap(lane -> rows.get(lane).stream()).toList();
    }

    private static List<ProcessorTokens.Segment> live(ReadModelState state,
                                                      Map<String, List<ProcessorTokens.Segment>> rows) {
        return rebuilding(state).stream().flatMap(name -> rows.getOrDefault(name, List.of()).stream()).toList();
    }

    /** The live processors of the read models being rebuilt. */
    private static List<String> rebuilding(ReadModelState state) {
        return state.building.keySet().stream().map(ReadModel::named).flatMap(Optional::stream)
                .map(ReadModel::processor).distinct().toList();
    }

    /** Writes {@code state} in {@code phase} if nobody changed it since it was read. */
    private boolean advance(ReadModelState state, Phase phase) {
        long read = state.version;
        Phase before = state.phase;
        Instant since = state.phaseSince;
        state.version = read + 1;
        if (phase != before || since == null) {
            state.phaseSince = clock.instant();
        }
        state.phase = phase;
        boolean written = mongo.replace(Query.query(where("_id").is(ReadModelState.ID).and("version").is(read)),
                state, ReplaceOptions.none(), ReadModelState.COLLECTION).getModifiedCount() == 1;
        if (!written) {
            state.version = read;
            state.phase = before;
            state.phaseSince = since;
        }
        return written;
    }

    private ReadModelState load() {
        ReadModelState state = mongo.findById(ReadModelState.ID, ReadModelState.class, ReadModelState.COLLECTION);
        if (state != null) {
            return state;
        }
        try {
            return mongo.insert(new ReadModelState(), ReadModelState.COLLECTION);
        } catch (DuplicateKeyException another) {
            return mongo.findById(ReadModelState.ID, ReadModelState.class, ReadModelState.COLLECTION);
        }
    }

    private void ensureIndexes(ReadModel model, int generation) {
        IndexResolver resolver = IndexResolver.create(mongo.getConverter().getMappingContext());
        for (String base : model.collections()) {
            MongoPersistentEntity<?> entity = mongo.getConverter().getMappingContext().getPersistentEntities()
                    .stream().filter(found -> found.getCollection().equals(base)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No document class is stored in " + base));
            var indexes = mongo.indexOps(ReadModel.collection(base, generation), entity.getType());
            for (IndexDefinition index : resolver.resolveIndexFor(entity.getType())) {
                indexes.createIndex(index);
            }
        }
    }
}
