package io.eyrie.queryside.monitor;

import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.monitor.FindMonitor;
import io.eyrie.api.monitor.ListDeploymentMonitors;
import io.eyrie.api.monitor.FindMonitorLog;
import io.eyrie.api.monitor.MonitorId;
import io.eyrie.api.monitor.MonitorLog;
import io.eyrie.api.monitor.MonitorView;
import io.eyrie.platform.web.NotFoundException;
import io.eyrie.queryside.web.InvalidParameterException;
import io.eyrie.queryside.web.Parameters;
import io.eyrie.queryside.web.ReactiveQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Monitors and their states. Who may read what is in {@code QueryEndpoints}. */
@RestController
public class MonitorController {
    private final ReactiveQueries queries;

    public MonitorController(ReactiveQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/deployments/{id}/monitors")
    public Mono<List<MonitorView>> monitors(@PathVariable String id) {
        return queries.list(new ListDeploymentMonitors(new DeploymentId(id)), MonitorView.class);
    }

    /**
     * Recent check results, newest first: by default the last 24 hours, at most 7 days at once, at most
     * {@code limit} (default 100, at most 1000) results.
     */
    @GetMapping("/api/monitors/{id}/log")
    public Mono<MonitorLog> log(@PathVariable String id, @RequestParam(required = false) String from,
                                @RequestParam(required = false) String to,
                                @RequestParam(required = false) Integer limit) {
        MonitorId monitor = new MonitorId(id);
        Instant until = Parameters.instant("to", to) != null ? Parameters.instant("to", to) : Instant.now();
        Instant since = Parameters.instant("from", from) != null ? Parameters.instant("from", from)
                : until.minus(Duration.ofHours(24));
        if (since.isAfter(until)) {
            throw new InvalidParameterException("from", "must not be after to");
        }
        if (Duration.between(since, until).compareTo(MonitorLogReader.MAX_SPAN) > 0) {
            throw new InvalidParameterException("from", "must be at most 7 days before to");
        }
        int count = limit == null ? 100 : limit;
        if (count < 1 || count > 1000) {
            throw new InvalidParameterException("limit", "must be between 1 and 1000");
        }
        return queries.optional(new FindMonitorLog(monitor, since, until, count), MonitorLog.class)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("monitor", id)));
    }

    @GetMapping("/api/monitors/{id}")
    public Mono<MonitorView> monitor(@PathVariable String id) {
        return queries.optional(new FindMonitor(new MonitorId(id)), MonitorView.class)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("monitor", id)));
    }
}
