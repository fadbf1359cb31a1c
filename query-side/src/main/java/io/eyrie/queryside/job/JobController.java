package io.eyrie.queryside.job;

import io.eyrie.api.book.FindJob;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.JobView;
import io.eyrie.api.book.ListDeploymentJobs;
import io.eyrie.api.deployment.DeploymentCard;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.FindDeploymentCard;
import io.eyrie.platform.web.NotFoundException;
import io.eyrie.queryside.web.ReactiveQueries;
import io.eyrie.queryside.web.ValidId;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;

@RestController
public class JobController {
    private final ReactiveQueries queries;

    public JobController(ReactiveQueries queries) {
        this.queries = queries;
    }

    /** The Book jobs of one deployment, newest first; empty when it never ran an action, 404 when it is unknown. */
    @GetMapping("/api/deployments/{id}/jobs")
    public Mono<List<JobView>> deploymentJobs(@PathVariable @ValidId String id) {
        return queries.optional(new FindDeploymentCard(new DeploymentId(id)), DeploymentCard.class)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("deployment", id)))
                .then(queries.list(new ListDeploymentJobs(new DeploymentId(id)), JobView.class));
    }

    /** One Book job with its steps, each with its state, timestamps and outcome. */
    @GetMapping("/api/jobs/{jobId}")
    public Mono<JobView> job(@PathVariable @ValidId String jobId) {
        return queries.optional(new FindJob(new JobId(jobId)), JobView.class)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("job", jobId)));
    }
}
