package io.eyrie.queryside.job;

import io.eyrie.api.book.JobState;
import io.eyrie.api.book.JobView;
import io.eyrie.api.deployment.Action;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * How a Book job is stored; listed per deployment, newest first, through the compound index. {@code simulated} is
 * absent until the run starts, hence a {@link Boolean}.
 */
@Document(JobDocument.COLLECTION)
@CompoundIndex(name = "jobs_by_deployment", def = "{'deploymentId': 1, 'scheduledAt': -1}")
record JobDocument(@Id String id, String deploymentId, Action action, String book, JobState state, String driver,
                   Boolean simulated, String error, String initiator, String correlationId, Instant scheduledAt,
                   Instant startedAt, Instant finishedAt, List<StepDocument> steps) {

    static final String COLLECTION = "jobs";

    record StepDocument(int index, String name, JobState state, Instant startedAt, Instant finishedAt,
                        String detail, String error) {

        static StepDocument pending(int index, String name) {
            return new StepDocument(index, name, JobState.PENDING, null, null, null, null);
        }

        JobView.StepView toView() {
            return new JobView.StepView(index, name, state, startedAt, finishedAt, detail, error);
        }
    }

    JobView toView() {
        return new JobView(id, deploymentId, action, book, state, driver, Boolean.TRUE.equals(simulated), error,
                initiator, correlationId, scheduledAt, startedAt, finishedAt,
                steps == null ? List.of() : steps.stream().map(StepDocument::toView).toList());
    }
}
