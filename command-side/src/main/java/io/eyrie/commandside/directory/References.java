package io.eyrie.commandside.directory;

import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.cluster.ClusterState;
import io.eyrie.api.datasource.DataType;
import io.eyrie.api.datasource.DatasourceId;
import io.eyrie.api.deployment.DeploymentSpec;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectId;
import io.eyrie.api.repository.ImageId;
import io.eyrie.api.repository.RepositoryId;
import io.eyrie.commandside.InvalidInputException;
import io.eyrie.commandside.project.GroupRuleException;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The checks for what groups and deployments refer to: it must exist, belong to the same project or the platform,
 * and fit. Aggregates call these with the directory, in the command's own transaction.
 */
public final class References {
    private References() {
    }

    /**
     * A deployment's clusters: at least one, each linked to its group or its scope, each active right now (their
     * rows locked for share, so none is deleted before this transaction ends).
     */
    public static void requireUsableClusters(Directory directory, List<ClusterId> chosen, Collection<ClusterId> linked,
                                             String where) {
        if (chosen.isEmpty()) {
            throw new InvalidInputException("clusters",
                    "a deployment needs at least one cluster: give some, or link one to the group or the scope");
        }
        List<String> unlinked = chosen.stream().filter(cluster -> !linked.contains(cluster)).map(ClusterId::value).toList();
        if (!unlinked.isEmpty()) {
            throw new InvalidInputException("clusters", "not linked to " + where + ": " + String.join(", ", unlinked));
        }
        Map<ClusterId, ClusterState> states = directory.lockClusterStates(chosen);
        for (ClusterId cluster : chosen) {
            ClusterState state = states.get(cluster);
            if (state != ClusterState.ACTIVE) {
                throw new GroupRuleException("cluster-not-active", "Cluster '" + cluster.value() + "' is "
                        + (state == null ? "unknown" : state.wire()) + "; only active clusters take deployments");
            }
        }
    }

    /** A scope's backup destination: an S3-like datasource of the same project. */
    public static void requireBackup(Directory directory, ProjectId project, DatasourceId datasource) {
        if (datasource == null) {
            return;
        }
        var facts = directory.datasource(datasource)
                .filter(found -> found.project().equals(project))
                .orElseThrow(() -> new InvalidInputException("backupDatasource", "no datasource " + datasource.value()
                        + " in project '" + project.value() + "'"));
        if (facts.dataType() != DataType.S3LIKE) {
            throw new InvalidInputException("backupDatasource", "must be an s3like datasource to take backups");
        }
    }

    /** What a deployment's spec refers to, checked only where it differs from {@code before} (null: everything). */
    public static void requireReferences(Directory directory, ProjectId project, GroupType type, DeploymentSpec spec,
                                         DeploymentSpec before) {
        boolean repositoryChanged = before == null || !Objects.equals(spec.repository(), before.repository())
                || !Objects.equals(spec.branch(), before.branch());
        if (spec.repository() != null && repositoryChanged) {
            requireRepository(directory, project, type, spec.repository(), spec.branch());
        }
        if (spec.subscribeTo() != null && (before == null || !spec.subscribeTo().equals(before.subscribeTo()))) {
            requireImage(directory, project, spec.subscribeTo());
        }
    }

    private static void requireRepository(Directory directory, ProjectId project, GroupType type,
                                          RepositoryId repository, String branch) {
        var facts = directory.repository(repository)
                .filter(found -> found.project() == null || found.project().equals(project))
                .orElseThrow(() -> new InvalidInputException("repository", "no repository " + repository.value()
                        + " of project '" + project.value() + "' or of the platform"));
        if (facts.archived()) {
            throw new InvalidInputException("repository", "repository " + repository.value() + " is archived");
        }
        if (facts.type() != null && !facts.type().equals(type)) {
            throw new InvalidInputException("repository", "is for " + facts.type().wire() + " groups, not "
                    + type.wire());
        }
        if (branch != null && !facts.branches().contains(branch)) {
            throw new InvalidInputException("branch", "'" + branch + "' is not a branch of repository "
                    + repository.value() + "; add it there first");
        }
    }

    private static void requireImage(Directory directory, ProjectId project, ImageId image) {
        directory.image(image)
                .filter(found -> found.project() == null || found.project().equals(project))
                .orElseThrow(() -> new InvalidInputException("subscribeTo", "no image " + image.value()
                        + " of project '" + project.value() + "' or of the platform"));
    }
}
