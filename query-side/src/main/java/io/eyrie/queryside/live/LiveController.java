package io.eyrie.queryside.live;

import io.eyrie.api.book.JobId;
import io.eyrie.api.book.WatchJob;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.WatchDeploymentCard;
import io.eyrie.api.query.LiveView;
import io.eyrie.platform.access.AccessChecks;
import io.eyrie.platform.access.Need;
import io.eyrie.platform.access.Target;
import io.eyrie.platform.security.Caller;
import io.eyrie.platform.web.ForbiddenException;
import io.eyrie.platform.web.NotFoundException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-sent events of a card or a job: its current state first, then each change once its read-model write has
 * committed, fed by an Axon subscription query. Every event's id is the document's revision (the furthest event
 * position that changed it); a client that reconnects with {@code Last-Event-ID} gets the current state only if
 * it changed since, and no change twice.
 * The access filter has authorized the path already, as for the GET of the same resource; each heartbeat asks
 * again, and a stream whose caller may no longer see the resource ends with an {@code event: revoked}.
 */
@RestController
public class LiveController {
    private final Duration heartbeat;
    private final QueryGateway queries;
    private final AccessChecks access;

    public LiveController(QueryGateway queries, AccessChecks access,
                          @Value("${eyrie.queries.stream-heartbeat:15s}") Duration heartbeat) {
        this.queries = queries;
        this.access = access;
        this.heartbeat = heartbeat;
    }

    @GetMapping(path = "/api/deployments/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<Object>> deployment(@PathVariable String id,
                                                    @RequestHeader(name = "Last-Event-ID", required = false) String last,
                                                    Caller caller) {
        return stream(new WatchDeploymentCard(new DeploymentId(id)), "card", last,
                access.require(caller, Target.DEPLOYMENT, Map.of("id", id), Need.USER, "follow the card live"));
    }

    @GetMapping(path = "/api/jobs/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<Object>> job(@PathVariable String id,
                                             @RequestHeader(name = "Last-Event-ID", required = false) String last,
                                             Caller caller) {
        return stream(new WatchJob(new JobId(id)), "job", last,
                access.require(caller, Target.JOB, Map.of("id", id), Need.USER, "follow a job live"));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Flux<ServerSentEvent<Object>> stream(Object watch, String name, String lastEventId, Mono<Void> stillAllowed) {
        AtomicLong seen = new AtomicLong(revision(lastEventId));
        java.util.concurrent.atomic.AtomicReference<Object> shown = new java.util.concurrent.atomic.AtomicReference<>();
        return Flux.using(
                () -> (SubscriptionQueryResult<Optional<LiveView>, LiveView>) (SubscriptionQueryResult) queries
                        .subscriptionQuery(watch, ResponseTypes.optionalInstanceOf(LiveView.class),
                                ResponseTypes.instanceOf(LiveView.class)),
                // Updates are buffered from the moment of subscribing, so none falls between the state and them.
                result -> Flux.concat(result.initialResult().flatMap(Mono::justOrEmpty), result.updates())
                        .filter(view -> fresh(view, seen, shown))
                        .map(view -> ServerSentEvent.builder(view.view()).id(Long.toString(view.revision()))
                                .event(name).build())
                        .mergeWith(Flux.interval(heartbeat).concatMap(tick -> stillAllowed
                                .thenReturn(ServerSentEvent.builder().comment("still here").build())))
                        .onErrorResume(LiveController::revoked, revoked -> Flux.just(ServerSentEvent.builder()
                                .event("revoked").data((Object) Map.of("detail", revoked.getMessage())).build()))
                        // Sent at once, so the answer starts even when a resumed stream has nothing new.
                        .startWith(ServerSentEvent.builder().comment("open").build()),
                SubscriptionQueryResult::close)
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** The caller's access was taken away while the stream was open (removed from the project, say). */
    private static boolean revoked(Throwable error) {
        return error instanceof ForbiddenException || error instanceof NotFoundException;
    }

    /**
     * Newer than what the client has: a later revision, or the same one with other content (another aggregate's
     * event, committed late, can change a document without moving its revision). The state a subscription's first
     * update repeats, or an event delivered again, is the same view and is not sent twice.
     */
    private static boolean fresh(LiveView view, AtomicLong seen, java.util.concurrent.atomic.AtomicReference<Object> shown) {
        long last = seen.get();
        boolean fresh = view.revision() > last || view.revision() == last && shown.get() != null
                && !shown.get().equals(view.view());
        if (fresh) {
            seen.set(view.revision());
            shown.set(view.view());
        }
        return fresh;
    }

    /** A Last-Event-ID this stream did not give out counts as none: the client gets the current state. */
    private static long revision(String lastEventId) {
        try {
            return lastEventId == null ? 0 : Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
