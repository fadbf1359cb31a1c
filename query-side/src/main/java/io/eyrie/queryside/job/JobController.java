package io.eyrie.queryside.job;

import io.eyrie.api.book.FindJob;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.JobState;
import io.eyrie.api.book.JobView;
import io.eyrie.api.book.ListDeploymentJobs;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.query.Page;
import io.eyrie.platform.web.NotFoundException;
import io.eyrie.queryside.web.Cursors;
import io.eyrie.queryside.web.InvalidParameterException;
import io.eyrie.queryside.web.ReactiveQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
public class JobController {
    private final ReactiveQueries queries;

    public JobController(ReactiveQueries queries) {
        this.queries = queries;
    }

    /** The Book jobs of one deployment, newest first, optionally only those in one state or of one action. */
    @GetMapping("/api/deployments/{id}/jobs")
    public Mono<Page<JobView>> deploymentJobs(@PathVariable String id, @RequestParam(required = false) String state,
                                              @RequestParam(required = false) String action,
                                              @RequestParam(required = false) String cursor,
                                              @RequestParam(required = false) Integer limit) {
        JobState inState = InvalidParameterException.parse("state", state, JobState::fromWire);
        Action ofAction = InvalidParameterException.parse("action", action, Action::fromWire);
        return queries.page(new ListDeploymentJobs(new DeploymentId(id), inState, ofAction,
                Cursors.request(cursor, limit)), JobView.class);
    }

    /** One Book job with its steps, each with its state, timestamps and outcome. */
    @GetMapping("/api/jobs/{id}")
    public Mono<JobView> job(@PathVariable String id) {
        return queries.optional(new FindJob(new JobId(id)), JobView.class)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("job", id)));
    }
}
