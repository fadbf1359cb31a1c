package io.eyrie.queryside.metrics;

import io.eyrie.api.metrics.DeliveryFigures;
import io.eyrie.api.project.ProjectId;
import io.eyrie.queryside.audit.ProjectEvents;
import io.eyrie.queryside.web.InvalidParameterException;
import io.eyrie.queryside.web.Parameters;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.time.Instant;

/** DORA's four figures, from the project's own events: nothing is guessed from health checks. */
@RestController
public class MetricsController {
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    private final ProjectEvents events;

    public MetricsController(ProjectEvents events) {
        this.events = events;
    }

    @GetMapping("/api/projects/{slug}/metrics")
    public Mono<DeliveryFigures> metrics(@PathVariable String slug, @RequestParam(required = false) String from,
                                         @RequestParam(required = false) String to,
                                         @RequestParam(required = false) String group,
                                         @RequestParam(required = false) String scope) {
        String project = new ProjectId(slug).value();
        Instant until = to == null ? Instant.now() : Parameters.instant("to", to);
        Instant since = from == null ? until.minus(DEFAULT_WINDOW) : Parameters.instant("from", from);
        if (!since.isBefore(until)) {
            throw new InvalidParameterException("from", "must be before to");
        }
        return Mono.fromCallable(() -> {
            DeliveryFold fold = new DeliveryFold(since, until, group, scope);
            // Images first would need a second pass; in store order a push precedes the deploy that uses it.
            events.forEach(project, until, false, "", (event, at, position) -> fold.accept(event, at));
            return fold.figures(project);
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
