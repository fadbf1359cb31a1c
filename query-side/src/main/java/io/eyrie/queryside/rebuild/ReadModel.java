package io.eyrie.queryside.rebuild;

import io.eyrie.queryside.book.BookProjection;
import io.eyrie.queryside.cluster.ClusterProjection;
import io.eyrie.queryside.datasource.DatasourceProjection;
import io.eyrie.queryside.deployment.DeploymentCardProjection;
import io.eyrie.queryside.deployment.ReleaseProjection;
import io.eyrie.queryside.deployment.VersionProjection;
import io.eyrie.queryside.group.GroupProjection;
import io.eyrie.queryside.grouprun.GroupRunProjection;
import io.eyrie.queryside.job.JobProjection;
import io.eyrie.queryside.project.ProjectProjection;
import io.eyrie.queryside.repository.RepositoryProjection;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The dashboards' read models: each is one projection and the collections only it writes, and is rebuilt as a
 * whole. No projection reads another's collections while it handles an event, so any of them can be rebuilt alone.
 */
public enum ReadModel {
    CARDS("cards", DeploymentCardProjection.class, "deployment_cards", "project_overviews"),
    RELEASES("releases", ReleaseProjection.class, "deployment_releases", "release_jobs"),
    VERSIONS("versions", VersionProjection.class, "deployment_versions"),
    JOBS("jobs", JobProjection.class, "jobs"),
    GROUPS("groups", GroupProjection.class, "groups"),
    GROUP_RUNS("group-runs", GroupRunProjection.class, "group_runs"),
    PROJECTS("projects", ProjectProjection.class, "projects", "user_projects"),
    REPOSITORIES("repositories", RepositoryProjection.class, "repositories", "images"),
    CLUSTERS("clusters", ClusterProjection.class, "clusters"),
    DATASOURCES("datasources", DatasourceProjection.class, "datasources"),
    BOOKS("books", BookProjection.class, "books");

    private final String modelName;
    private final Class<?> projection;
    private final List<String> collections;

    ReadModel(String modelName, Class<?> projection, String... collections) {
        this.modelName = modelName;
        this.projection = projection;
        this.collections = List.of(collections);
    }

    public String modelName() {
        return modelName;
    }

    public Class<?> projection() {
        return projection;
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
