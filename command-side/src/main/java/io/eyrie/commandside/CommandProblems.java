package io.eyrie.commandside;

import io.eyrie.api.deployment.Action;
import io.eyrie.commandside.cluster.ClusterActionRefusedException;
import io.eyrie.commandside.deployment.ActionRefusedException;
import io.eyrie.commandside.deployment.QueueFullException;
import io.eyrie.commandside.deployment.ConfigIncompleteException;
import io.eyrie.commandside.directory.NameTakenException;
import io.eyrie.commandside.idempotency.IdempotencyFilter;
import io.eyrie.commandside.idempotency.IdempotencyKeyTakenException;
import io.eyrie.commandside.project.GroupRuleException;
import io.eyrie.commandside.project.MemberRuleException;
import io.eyrie.platform.web.Problems;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Domain refusals as problem+json: the client learns what was refused and what it can do instead. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CommandProblems {
    private final IdempotencyFilter idempotency;

    public CommandProblems(IdempotencyFilter idempotency) {
        this.idempotency = idempotency;
    }
    /** Axon names the identifier that was taken as {@code [kind:value]}. */
    private static final Pattern KINDED_ID = Pattern.compile("\\[([a-z]+):([^\\]]+)]");

    @ExceptionHandler
    @ResponseStatus(HttpStatus.CONFLICT)
    public ProblemDetail refused(ActionRefusedException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "action-not-allowed", "Action not allowed", ex.getMessage());
        problem.setProperty("action", ex.action().wire());
        problem.setProperty("lifecycle", ex.lifecycle().wire());
        problem.setProperty("status", ex.status().wire());
        problem.setProperty("runningJobId", ex.runningJobId());
        problem.setProperty("allowedActions", ex.allowedActions().stream().map(Action::wire).toList());
        return problem;
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.TOO_MANY_REQUESTS)
    public ProblemDetail queueFull(QueueFullException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "queue-full", "Queue full", ex.getMessage());
        problem.setProperty("limit", ex.limit());
        return problem;
    }

    /** Identifiers are {@code kind:value}, so the answer can say what was not found in the API's own words. */
    @ExceptionHandler
    @ResponseStatus(HttpStatus.NOT_FOUND)
    public ProblemDetail notFound(AggregateNotFoundException ex) {
        String id = String.valueOf(ex.getAggregateIdentifier());
        int colon = id.indexOf(':');
        String detail = colon < 0 ? "No such resource" : "No " + id.substring(0, colon) + " '" + id.substring(colon + 1) + "'";
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.CONFLICT)
    public ProblemDetail alreadyExists(AggregateStreamCreationException ex) {
        Matcher id = KINDED_ID.matcher(String.valueOf(ex.getMessage()));
        return Problems.of(HttpStatus.CONFLICT, "already-exists", "Already exists", id.find()
                ? id.group(1) + " '" + id.group(2) + "' already exists"
                : "A resource with this identity already exists");
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.CONFLICT)
    public ProblemDetail nameTaken(NameTakenException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "already-exists", "Already exists", ex.getMessage());
        problem.setProperty("field", ex.field());
        return problem;
    }

    @ExceptionHandler
    public ResponseEntity<ProblemDetail> memberRule(MemberRuleException ex) {
        HttpStatus status = switch (ex.rule()) {
            case OWNER_REQUIRED -> HttpStatus.FORBIDDEN;
            case OWNER_IS_FIXED -> HttpStatus.CONFLICT;
            case NOT_A_MEMBER -> HttpStatus.NOT_FOUND;
        };
        String type = ex.rule() == MemberRuleException.Rule.OWNER_REQUIRED ? "forbidden" : ex.code();
        return ResponseEntity.status(status).body(Problems.of(status, type, ex.code(), ex.getMessage()));
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    public ProblemDetail invalid(InvalidInputException ex) {
        return Problems.invalidInput(ex.getMessage(), ex.errors());
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    public ProblemDetail invalidMonitor(io.eyrie.monitor.MonitorSpecException ex) {
        return Problems.invalidInput(ex.getMessage(), ex.problems().stream()
                .map(problem -> new Problems.FieldError(problem.field(), problem.message())).toList());
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.CONFLICT)
    public ProblemDetail groupRule(GroupRuleException ex) {
        return Problems.of(HttpStatus.CONFLICT, ex.code(), ex.code(), ex.getMessage());
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.CONFLICT)
    public ProblemDetail configIncomplete(ConfigIncompleteException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "config-incomplete", "Config incomplete", ex.getMessage());
        problem.setProperty("errors", ex.missing().stream().map(Problems.FieldError::asMap).toList());
        return problem;
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.CONFLICT)
    public ProblemDetail clusterRefused(ClusterActionRefusedException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT,
                ex.deploymentsUsingIt() > 0 ? "cluster-in-use" : "action-not-allowed", "Action not allowed", ex.getMessage());
        problem.setProperty("state", ex.state().wire());
        problem.setProperty("allowedActions", ex.allowedActions().stream().map(action -> action.wire()).toList());
        if (ex.deploymentsUsingIt() > 0) {
            problem.setProperty("deployments", ex.deploymentsUsingIt());
        }
        return problem;
    }

    /** The response is the first request's answer, written here: this request changed nothing. */
    @ExceptionHandler
    public Mono<Void> idempotencyKeyTaken(IdempotencyKeyTakenException ex, ServerWebExchange exchange) {
        return idempotency.replay(exchange, ex.request());
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.CONFLICT)
    public ProblemDetail concurrent(ConcurrencyException ex) {
        return Problems.of(HttpStatus.CONFLICT, "concurrent-update", "Concurrent update",
                "Another request changed this resource at the same time; try again");
    }

}
