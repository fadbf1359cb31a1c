package io.eyrie.commandside.book;

import io.eyrie.api.book.JobCreated;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.JobStep;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.project.ProjectId;
import io.eyrie.commandside.project.GroupRuleException;
import io.eyrie.job.Job;
import org.axonframework.deadline.DeadlineManager;
import org.springframework.stereotype.Component;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

/**
 * How a deployment makes the job of an action it accepted: in the same command, so an accepted action always has
 * its job, with the steps of its Book as they are now.
 */
@Component
public class Jobs {
    private final BookCatalog catalog;
    private final BookJobSettings settings;

    public Jobs(BookCatalog catalog, BookJobSettings settings) {
        this.catalog = catalog;
        this.settings = settings;
    }

    /** The steps the job of {@code book} will copy; refused before anything is recorded if there is no such Book. */
    public List<JobStep> steps(String book) {
        return catalog.steps(book).orElseThrow(() -> new GroupRuleException("unknown-book",
                "There is no Book '" + book + "'; the group names it for this action"));
    }

    /** Called from the deployment's command handler, after it applied the action's event. */
    public void create(JobId job, DeploymentId deployment, ProjectId project, Action action, String book, String image,
                       List<JobStep> steps, DeadlineManager deadlines) throws Exception {
        JobCreated created = new JobCreated(job, deployment, project, action, book, image, steps,
                settings.jobTimeout().toSeconds());
        createNew(Job.class, () -> new Job(created, deadlines));
    }
}
