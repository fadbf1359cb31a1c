package io.eyrie.commandside.monitor;

import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.monitor.ChangeMonitor;
import io.eyrie.api.monitor.CreateMonitor;
import io.eyrie.api.monitor.MonitorId;
import io.eyrie.api.monitor.MonitorSpec;
import io.eyrie.api.monitor.MonitorType;
import io.eyrie.api.monitor.RemoveMonitor;
import io.eyrie.commandside.CommandSender;
import io.eyrie.commandside.InvalidInputException;
import io.eyrie.commandside.Validation;
import io.eyrie.platform.security.Caller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * A deployment's monitors. The limits and defaults are {@code MonitorRules}', applied by the deployment (creation)
 * and the monitor (changes), so a refusal names each field whichever checks it. Who may call what is in
 * {@code CommandEndpoints}.
 */
@RestController
public class MonitorController {
    private final CommandSender commands;

    public MonitorController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping("/api/deployments/{id}/monitors")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<MonitorResponse> create(@PathVariable String id, @RequestBody MonitorRequest request,
                                        Caller caller, @RequestHeader HttpHeaders headers) {
        if (request.type() == null) {
            throw new InvalidInputException("type", "must be one of " + MonitorType.choices());
        }
        requireNoSecret(request);
        MonitorId monitor = MonitorId.random();
        return commands.send(new CreateMonitor(new DeploymentId(id), monitor, request.spec()), caller, headers)
                .thenReturn(new MonitorResponse(monitor.value(), id));
    }

    /** Any field of the creation but {@code type}; those left out keep their value. */
    @PatchMapping("/api/monitors/{id}")
    public Mono<MonitorResponse> change(@PathVariable String id, @RequestBody MonitorRequest request,
                                        Caller caller, @RequestHeader HttpHeaders headers) {
        requireNoSecret(request);
        return commands.send(new ChangeMonitor(new MonitorId(id), request.spec()), caller, headers)
                .thenReturn(new MonitorResponse(id, null));
    }

    @DeleteMapping("/api/monitors/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> remove(@PathVariable String id, Caller caller, @RequestHeader HttpHeaders headers) {
        return commands.send(new RemoveMonitor(new MonitorId(id)), caller, headers);
    }

    /** A token in the URL would enter events and the log for good; a monitor checks what needs none. */
    private static void requireNoSecret(MonitorRequest request) {
        Validation.requireNoSecretIn("url", request.url(), false);
    }

    /**
     * {@code type} decides which fields apply: {@code http_request} takes url (by default the deployment's first
     * service), method, expectedStatus, bodyContains, timeoutMillis and latencyWarningMillis; {@code resource} takes
     * the CPU and memory percentages. Both take name, intervalSeconds and failuresToError. A creation needs the type;
     * a change may leave out any field, which keeps its value.
     */
    public record MonitorRequest(MonitorType type, String name, Integer intervalSeconds, Integer failuresToError,
                                 String url, String method, List<Integer> expectedStatus, String bodyContains,
                                 Integer timeoutMillis, Integer latencyWarningMillis,
                                 Integer cpuWarningPercent, Integer cpuErrorPercent,
                                 Integer memoryWarningPercent, Integer memoryErrorPercent) {
        MonitorSpec spec() {
            return new MonitorSpec(type, name, intervalSeconds, failuresToError, url, method, expectedStatus,
                    bodyContains, timeoutMillis, latencyWarningMillis, cpuWarningPercent, cpuErrorPercent,
                    memoryWarningPercent, memoryErrorPercent);
        }
    }

    /** {@code deploymentId} is null in the answer to a change. */
    public record MonitorResponse(String id, String deploymentId) {
    }
}
