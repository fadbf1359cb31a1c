package io.eyrie.queryside.rebuild;

import io.eyrie.api.readmodel.ReadModelView;
import io.eyrie.api.readmodel.ReadModels;
import io.eyrie.api.readmodel.RebuildView;
import io.eyrie.platform.security.Caller;
import io.eyrie.platform.web.NotFoundException;
import io.eyrie.platform.web.Problems;
import io.eyrie.queryside.consistency.ProcessorTokens;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** For platform admins: the dashboards' read models, and rebuilds of one or all of them while queries go on. */
@RestController
public class ReadModelController {
    static final String ALL = "all";

    private final RebuildSupervisor rebuilds;
    private final ProcessorTokens tokens;
    private final EventCounts events;
    private final MongoTemplate mongo;
    private final EventProcessingConfiguration processing;
    private final RebuildLanes lanes;

    ReadModelController(RebuildSupervisor rebuilds, ProcessorTokens tokens, EventCounts events, MongoTemplate mongo,
                        EventProcessingConfiguration processing, RebuildLanes lanes) {
        this.rebuilds = rebuilds;
        this.lanes = lanes;
        this.tokens = tokens;
        this.events = events;
        this.mongo = mongo;
        this.processing = processing;
    }

    public record Reason(@NotBlank @Size(max = 500) String reason) {
    }

    @GetMapping("/api/admin/read-models")
    public Mono<ReadModels> list() {
        return Mono.fromCallable(() -> view(rebuilds.state())).subscribeOn(Schedulers.boundedElastic());
    }

    /** {@code name} is a read model's or {@code all}; 202, then follow the progress on the list. */
    @PostMapping("/api/admin/read-models/{name}/rebuild")
    public Mono<ResponseEntity<RebuildView>> rebuild(@PathVariable String name, @Valid @RequestBody Reason body,
                                                     Caller caller) {
        List<ReadModel> models = ALL.equals(name) ? List.of(ReadModel.values()) : List.of(ReadModel.named(name)
                .orElseThrow(() -> new NotFoundException("There is no read model '" + name + "'; there are "
                        + Arrays.stream(ReadModel.values()).map(ReadModel::modelName).toList() + " and '" + ALL
                        + "'. The audit chain is evidence, not a read model: it is never rebuilt")));
        return Mono.fromCallable(() -> {
            ReadModelState started = rebuilds.request(models, caller.user(), body.reason())
                    .orElseThrow(() -> busy(rebuilds.state()));
            return ResponseEntity.accepted().location(URI.create("/api/admin/read-models"))
                    .body(rebuild(started));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @PostMapping("/api/admin/read-models/rebuild/cancel")
    public Mono<RebuildView> cancel(@Valid @RequestBody Reason body, Caller caller) {
        return Mono.fromCallable(() -> rebuild(rebuilds.cancel(caller.user(), body.reason())
                        .orElseThrow(() -> new Busy("No rebuild can be cancelled now: none is under way, or it is "
                                + "switching over", rebuilds.state()))))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static Busy busy(ReadModelState state) {
        return new Busy(state.phase == ReadModelState.Phase.IDLE
                ? "The last rebuild's replaced generations are kept for eyrie.read-models.retire-after, for instances "
                + "that may not have switched yet; try again once they are dropped"
                : "A rebuild is under way; it must end or be cancelled first", state);
    }

    @ExceptionHandler(Busy.class)
    ResponseEntity<ProblemDetail> busy(Busy busy) throws SQLException {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "rebuild-conflict", "Rebuild conflict",
                busy.getMessage());
        problem.setProperty("rebuild", busy.state.rebuild == null ? null : rebuild(busy.state));
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    private ReadModels view(ReadModelState state) throws SQLException {
        List<ReadModelView> models = Arrays.stream(ReadModel.values()).map(model -> {
            int generation = state.live(model);
            List<String> collections = model.collections().stream()
                    .map(base -> ReadModel.collection(base, generation)).toList();
            long documents = collections.stream().mapToLong(mongo::estimatedCount).sum();
            return new ReadModelView(model.modelName(), generation, state.building.get(model.modelName()),
                    collections, documents);
        }).toList();
        return new ReadModels(models, state.rebuild == null ? null : rebuild(state));
    }

    private RebuildView rebuild(ReadModelState state) throws SQLException {
        ReadModelState.Rebuild rebuild = state.rebuild;
        boolean running = "running".equals(rebuild.outcome);
        long done;
        long total;
        if (running) {
            List<String> building = lanes.of(state.buildingGenerations().keySet());
            // The slowest lane's position; none until every lane has one.
            long position = ProcessorTokens.lowestPosition(RebuildSupervisor.segments(building, tokens.read(building)));
            done = state.phase == ReadModelState.Phase.PREPARING ? 0 : events.upTo(position);
            total = events.all();
        } else {
            done = rebuild.eventsDone == null ? 0 : rebuild.eventsDone;
            total = rebuild.eventsTotal == null ? 0 : rebuild.eventsTotal;
        }
        Instant end = running ? Instant.now() : rebuild.finishedAt;
        double seconds = rebuild.startedAt == null || end == null ? 0
                : Duration.between(rebuild.startedAt, end).toMillis() / 1000.0;
        double rate = seconds > 0 ? done / seconds : 0;
        Long eta = running && rate > 0 ? (long) Math.ceil(Math.max(0, total - done) / rate) : null;
        return new RebuildView(rebuild.id, state.phase.name().toLowerCase(), rebuild.outcome, rebuild.readModels,
                rebuild.requestedBy, rebuild.reason, rebuild.requestedAt, rebuild.startedAt, rebuild.finishedAt,
                done, total, Math.round(rate * 10) / 10.0, eta, rebuild.cancelledBy, rebuild.cancelReason,
                running ? java.util.Optional.ofNullable(localError()).orElse(rebuild.error) : rebuild.error);
    }

    /** What a rebuild processor last failed on, if its segment runs on this instance and is retrying. */
    private String localError() {
        return lanes.all().stream().map(lane -> processing.eventProcessor(lane, TrackingEventProcessor.class))
                .flatMap(java.util.Optional::stream)
                .map(processor -> RebuildSupervisor.errorOf(processor.processingStatus()))
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    static final class Busy extends RuntimeException {
        private final transient ReadModelState state;

        Busy(String message, ReadModelState state) {
            super(message);
            this.state = state;
        }
    }
}
