package io.eyrie.commandside;

import io.eyrie.api.deployment.Action;
import io.eyrie.commandside.deployment.ActionRefusedException;
import io.eyrie.commandside.deployment.UnknownJobException;
import io.eyrie.commandside.project.DeploymentNameTakenException;
import io.eyrie.platform.web.Problems;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Domain refusals as problem+json: the client learns what was refused and what it can do instead. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CommandProblems {

    @ExceptionHandler
    @ResponseStatus(HttpStatus.CONFLICT)
    public ProblemDetail refused(ActionRefusedException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "action-not-allowed", "Action not allowed", ex.getMessage());
        problem.setProperty("action", ex.action().wire());
        problem.setProperty("lifecycle", ex.lifecycle().wire());
        problem.setProperty("runningJobId", ex.runningJobId());
        problem.setProperty("allowedActions", ex.allowedActions().stream().map(Action::wire).toList());
        return problem;
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.NOT_FOUND)
    public ProblemDetail notFound(AggregateNotFoundException ex) {
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "No such resource: " + ex.getAggregateIdentifier());
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.CONFLICT)
    public ProblemDetail alreadyExists(AggregateStreamCreationException ex) {
        return Problems.of(HttpStatus.CONFLICT, "already-exists", "Already exists",
                "A resource with this identity already exists");
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.CONFLICT)
    public ProblemDetail nameTaken(DeploymentNameTakenException ex) {
        return Problems.of(HttpStatus.CONFLICT, "already-exists", "Already exists", ex.getMessage());
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.CONFLICT)
    public ProblemDetail concurrent(ConcurrencyException ex) {
        return Problems.of(HttpStatus.CONFLICT, "concurrent-update", "Concurrent update",
                "Another request changed this resource at the same time; try again");
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.CONFLICT)
    public ProblemDetail unknownJob(UnknownJobException ex) {
        return Problems.of(HttpStatus.CONFLICT, "unknown-job", "Unknown job", ex.getMessage());
    }
}
