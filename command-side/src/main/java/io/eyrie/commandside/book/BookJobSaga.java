package io.eyrie.commandside.book;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.eyrie.api.book.BookRunFailed;
import io.eyrie.api.book.BookRunSucceeded;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.ScheduleBookJob;
import io.eyrie.api.deployment.ActionRequested;
import io.eyrie.api.deployment.CompleteAction;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.FailAction;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Coordinates one action with its Book job: schedules the job, then reports the run's outcome back to the
 * deployment. A job that no runner finishes in time fails the action, so a deployment never waits forever.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class BookJobSaga {
    static final String TIMEOUT = "book-job-timeout";

    @Autowired
    private transient CommandGateway commandGateway;
    @Autowired
    private transient DeadlineManager deadlineManager;
    @Autowired
    private transient BookJobSettings settings;

    private DeploymentId deploymentId;
    private JobId jobId;
    private String timeoutId;

    @StartSaga
    @SagaEventHandler(associationProperty = "jobId")
    public void on(ActionRequested event) {
        deploymentId = event.deploymentId();
        jobId = event.jobId();
        timeoutId = deadlineManager.schedule(settings.jobTimeout(), TIMEOUT, new JobTimedOut(jobId));
        commandGateway.sendAndWait(new ScheduleBookJob(jobId, deploymentId, event.project(), event.action(), event.book(),
                event.image()));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "jobId")
    public void on(BookRunSucceeded event) {
        deadlineManager.cancelSchedule(TIMEOUT, timeoutId);
        commandGateway.sendAndWait(new CompleteAction(deploymentId, jobId));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "jobId")
    public void on(BookRunFailed event) {
        deadlineManager.cancelSchedule(TIMEOUT, timeoutId);
        commandGateway.sendAndWait(new FailAction(deploymentId, jobId, event.error()));
    }

    @DeadlineHandler(deadlineName = TIMEOUT)
    public void on(JobTimedOut timeout) {
        SagaLifecycle.end();
        commandGateway.sendAndWait(new FailAction(deploymentId, jobId,
                "Book job " + jobId.value() + " did not finish within " + settings.jobTimeout() + "; no runner reported back"));
    }

    /** The payload of the time-out deadline. */
    public record JobTimedOut(JobId jobId) {
    }
}
