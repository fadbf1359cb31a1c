package io.eyrie.queryside.audit;

import io.eyrie.api.audit.AuditEntry;
import io.eyrie.api.audit.AuditVerification;
import io.eyrie.api.audit.ProjectState;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.project.ProjectId;
import io.eyrie.api.query.Page;
import io.eyrie.queryside.web.Cursors;
import io.eyrie.queryside.web.InvalidParameterException;
import io.eyrie.queryside.web.Parameters;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;

/** Who did what, when and why, read from the event store; and the proof that it has not been changed. */
@RestController
public class AuditController {
    private final AuditLog log;
    private final ProjectHistory history;

    public AuditController(AuditLog log, ProjectHistory history) {
        this.log = log;
        this.history = history;
    }

    /** What the project ran at {@code at} (now, without it), rebuilt from its events. */
    @GetMapping("/api/projects/{slug}/state")
    public Mono<ProjectState> state(@PathVariable String slug, @RequestParam(required = false) String at) {
        String project = new ProjectId(slug).value();
        Instant instant = at == null ? Instant.now() : Parameters.instant("at", at);
        return Mono.fromCallable(() -> history.at(project, instant)).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/api/projects/{slug}/audit")
    public Mono<Page<AuditEntry>> project(@PathVariable String slug,
                                          @RequestParam(required = false) String deployment,
                                          @RequestParam(required = false) String from,
                                          @RequestParam(required = false) String to,
                                          @RequestParam(required = false) String cursor,
                                          @RequestParam(required = false) Integer limit) {
        String project = new ProjectId(slug).value();
        String only = deployment == null ? null : deploymentId("deployment", deployment);
        return Mono.fromCallable(() -> log.page(project, only, Parameters.instant("from", from),
                Parameters.instant("to", to), Cursors.request(cursor, limit))).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/api/deployments/{id}/audit")
    public Mono<Page<AuditEntry>> deployment(@PathVariable String id,
                                             @RequestParam(required = false) String from,
                                             @RequestParam(required = false) String to,
                                             @RequestParam(required = false) String cursor,
                                             @RequestParam(required = false) Integer limit) {
        String deployment = deploymentId("id", id);
        return Mono.fromCallable(() -> log.page(null, deployment, Parameters.instant("from", from),
                Parameters.instant("to", to), Cursors.request(cursor, limit))).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * The whole chain; or, with {@code after} (a link number) and {@code head} (that link's hash, as an earlier
     * verify answered it and someone kept it), only the links since, from that anchor.
     */
    @GetMapping("/api/projects/{slug}/audit/verify")
    public Mono<AuditVerification> verify(@PathVariable String slug, @RequestParam(required = false) String after,
                                          @RequestParam(required = false) String head) {
        String project = new ProjectId(slug).value();
        Long link = InvalidParameterException.parse("after", after, value -> {
            long number = Long.parseLong(value);
            if (number < 1) {
                throw new IllegalArgumentException("must be a link number, 1 or more");
            }
            return number;
        });
        if ((link == null) != (head == null || head.isEmpty())) {
            throw new InvalidParameterException(link == null ? "after" : "head",
                    "is needed with " + (link == null ? "head" : "after") + ": the anchor is a link and its hash");
        }
        return Mono.fromCallable(() -> link == null ? log.verify(project) : log.verify(project, link, head))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static String deploymentId(String parameter, String value) {
        try {
            return new DeploymentId(value).value();
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(parameter, "must be a deployment's id");
        }
    }
}
