package io.eyrie.queryside.rebuild;

import io.eyrie.api.deployment.ReleaseRecorded;
import io.eyrie.queryside.DocumentKey;
import io.eyrie.queryside.book.BookProjection;
import io.eyrie.queryside.cluster.ClusterProjection;
import io.eyrie.queryside.datasource.DatasourceProjection;
import io.eyrie.queryside.deployment.DeploymentCardProjection;
import io.eyrie.queryside.deployment.ReleaseProjection;
import io.eyrie.queryside.deployment.VersionProjection;
import io.eyrie.queryside.group.GroupProjection;
import io.eyrie.queryside.grouprun.GroupRunProjection;
import io.eyrie.queryside.job.JobProjection;
import io.eyrie.queryside.monitor.MonitorProjection;
import io.eyrie.queryside.project.ProjectProjection;
import io.eyrie.queryside.repository.RepositoryProjection;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The dashboards' read models: each is one projection and the collections only it writes, and is rebuilt as a
 * whole. No projection reads another's collections while it handles an event, so any of them can be rebuilt alone
 * and the live processors need no order between them.
 * <p>
 * The live processors (each projection's processing group) feed the read models whose documents share one key:
 * {@code dashboard-deployments} (cards, releases, versions: by deployment) and {@code dashboard-jobs} (by job) order
 * their events by that key ({@link DocumentKey}), so they may have several segments, which the query instances
 * share, and each document still has one writer. {@code dashboard-catalog} feeds the rest, whose documents several
 * keys share (a user's projects, a project's groups): one segment, ordered by aggregate. Few processors on purpose:
 * each stores its position in its own transaction, and on a small machine those commits cost the event store.
 */
public enum ReadModel {
    CARDS("cards", DeploymentCardProjection.class, Keys.DEPLOYMENT, "deployment_cards", "project_overviews"),
    RELEASES("releases", ReleaseProjection.class, Keys.DEPLOYMENT, "deployment_releases", "release_jobs"),
    VERSIONS("versions", VersionProjection.class, Keys.DEPLOYMENT, "deployment_versions"),
    JOBS("jobs", JobProjection.class, Keys.JOB, "jobs"),
    GROUPS("groups", GroupProjection.class, null, "groups"),
    GROUP_RUNS("group-runs", GroupRunProjection.class, null, "group_runs"),
    PROJECTS("projects", ProjectProjection.class, null, "projects", "user_projects"),
    REPOSITORIES("repositories", RepositoryProjection.class, null, "repositories", "images"),
    CLUSTERS("clusters", ClusterProjection.class, null, "clusters"),
    DATASOURCES("datasources", DatasourceProjection.class, null, "datasources"),
    BOOKS("books", BookProjection.class, null, "books"),
    MONITORS("monitors", MonitorProjection.class, Keys.DEPLOYMENT, "monitors");

    /** One instance per key, so that read models fed by one processor share it. */
    static final class Keys {
        static final DocumentKey DEPLOYMENT = DocumentKey.component("deploymentId");
        static final DocumentKey JOB = DocumentKey.component("jobId")
                .except(ReleaseRecorded.class, event -> event.release().jobId());

        private Keys() {
        }
    }

    /** What every processor's name starts with; the rebuild processor's too. */
    public static final String PROCESSOR_PREFIX = "dashboard-";

    private final String modelName;
    private final Class<?> projection;
    private final DocumentKey key;
    private final List<String> collections;

    ReadModel(String modelName, Class<?> projection, DocumentKey key, String... collections) {
        this.modelName = modelName;
        this.projection = projection;
        this.key = key;
        this.collections = List.of(collections);
    }

    public String modelName() {
        return modelName;
    }

    public Class<?> projection() {
        return projection;
    }

    /** The processor that keeps it live: its projection's processing group. */
    public String processor() {
        return projection.getAnnotation(ProcessingGroup.class).value();
    }

    /** The key its documents are written by, when its processor may split its events between segments. */
    public Optional<DocumentKey> key() {
        return Optional.ofNullable(key);
    }

    public SequencingPolicy<? super EventMessage<?>> sequencing() {
        return key != null ? key : SequentialPerAggregatePolicy.instance();
    }

    /** Every live processor's name, once. */
    public static List<String> processors() {
        return Arrays.stream(values()).map(ReadModel::processor).distinct().toList();
    }

    /** Whether {@code processor} orders its events by a document key, and so may have several segments. */
    public static boolean keyed(String processor) {
        return fedBy(processor).getFirst().key().isPresent();
    }

    /** The read models {@code processor} feeds. */
    public static List<ReadModel> fedBy(String processor) {
        return Arrays.stream(values()).filter(model -> model.processor().equals(processor)).toList();
    }

    /** The collections' names in generation 0; a later generation's carry its number. */
    public List<String> collections() {
        return collections;
    }

    public static Optional<ReadModel> named(String name) {
        return Arrays.stream(values()).filter(model -> model.modelName.equals(name)).findFirst();
    }

    public static Optional<ReadModel> owning(String collection) {
        return Arrays.stream(values()).filter(model -> model.collections.contains(collection)).findFirst();
    }

    public static Optional<ReadModel> of(Class<?> projection) {
        return Arrays.stream(values()).filter(model -> model.projection == projection).findFirst();
    }

    /** Generation 0 keeps the names read models had before they had generations. */
    public static String collection(String base, int generation) {
        return generation == 0 ? base : base + "_g" + generation;
    }
}
