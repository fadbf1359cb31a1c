package io.eyrie.queryside.deployment;

import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.project.FindProjectOverview;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectOverview;
import io.eyrie.api.project.ProjectOverview.FailingDeployment;
import io.eyrie.api.project.ProjectOverview.GroupSummary;
import io.eyrie.queryside.group.GroupPolicies;
import io.eyrie.queryside.project.ProjectMembers;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The project overview: three look-ups by key (the project, its overview document, its groups by the index on
 * project and name), whatever the number of deployments; the counts are made here from the cards' entries.
 */
@Component
public class ProjectOverviews {
    /** The failing deployments the overview lists, newest first; the group's cards have the rest. */
    static final int FAILING_SHOWN = 20;

    private final MongoTemplate mongo;
    private final GroupPolicies groups;
    private final ProjectMembers projects;

    ProjectOverviews(MongoTemplate mongo, GroupPolicies groups, ProjectMembers projects) {
        this.mongo = mongo;
        this.groups = groups;
        this.projects = projects;
    }

    @QueryHandler
    public Optional<ProjectOverview> handle(FindProjectOverview query) {
        String project = query.project().value();
        return projects.name(project).map(name -> overview(project, name));
    }

    private ProjectOverview overview(String project, String name) {
        ProjectOverviewDocument stored = mongo.findById(project, ProjectOverviewDocument.class);
        List<ProjectOverviewDocument.Entry> living = stored == null ? List.of()
                : stored.deployments.values().stream().filter(ProjectOverviewDocument.Entry::living).toList();
        SortedMap<String, GroupType> types = new java.util.TreeMap<>(groups.groupsOf(project));
        // A card can name a group whose own document is not written yet (another batch): it shows, without a type.
        living.forEach(entry -> {
            if (entry.group != null) {
                types.putIfAbsent(entry.group, null);
            }
        });
        List<GroupSummary> summaries = new ArrayList<>();
        types.forEach((group, type) -> {
            List<ProjectOverviewDocument.Entry> in = living.stream().filter(entry -> group.equals(entry.group)).toList();
            Map<DeploymentStatus, Integer> statuses = statuses(in);
            summaries.add(new GroupSummary(group, type, DeploymentStatus.aggregate(statuses.keySet()), in.size(),
                    running(in), queued(in), statuses));
        });
        List<FailingDeployment> failing = stored == null ? List.of() : stored.deployments.entrySet().stream()
                .filter(entry -> entry.getValue().living() && entry.getValue().status != null
                        && entry.getValue().status.error())
                .sorted(Comparator.comparing((Map.Entry<String, ProjectOverviewDocument.Entry> entry) ->
                        entry.getValue().updatedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(Map.Entry::getKey))
                .limit(FAILING_SHOWN)
                .map(entry -> new FailingDeployment(entry.getKey(), entry.getValue().name, entry.getValue().group,
                        entry.getValue().status, entry.getValue().error, entry.getValue().updatedAt))
                .toList();
        return new ProjectOverview(project, name, living.size(), running(living), queued(living), statuses(living),
                summaries, failing);
    }

    private static Map<DeploymentStatus, Integer> statuses(List<ProjectOverviewDocument.Entry> entries) {
        Map<DeploymentStatus, Integer> counts = new EnumMap<>(DeploymentStatus.class);
        entries.stream().filter(entry -> entry.status != null).forEach(entry -> counts.merge(entry.status, 1, Integer::sum));
        return counts;
    }

    private static int running(List<ProjectOverviewDocument.Entry> entries) {
        return entries.stream().mapToInt(entry -> entry.runningJobs).sum();
    }

    private static int queued(List<ProjectOverviewDocument.Entry> entries) {
        return entries.stream().mapToInt(entry -> entry.queuedJobs).sum();
    }
}
