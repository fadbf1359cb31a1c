package io.eyrie.commandside.directory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eyrie.api.book.BookStep;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.JobTarget;
import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.cluster.ClusterState;
import io.eyrie.api.datasource.DataType;
import io.eyrie.api.datasource.DatasourceId;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.monitor.MonitorId;
import io.eyrie.api.grouprun.GroupRunId;
import io.eyrie.api.project.Concurrency;
import io.eyrie.api.project.Freeze;
import io.eyrie.api.project.GroupId;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectId;
import io.eyrie.api.project.Role;
import io.eyrie.api.project.Schedule;
import io.eyrie.api.project.Strategy;
import io.eyrie.api.repository.ImageId;
import io.eyrie.api.repository.RepositoryId;
import io.eyrie.commandside.InvalidInputException;
import io.eyrie.commandside.project.GroupRuleException;
import io.eyrie.commandside.project.MemberRuleException;
import io.eyrie.platform.web.ForbiddenException;
import io.eyrie.platform.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Reads of the directory. It is written in the transactions of the events, so a read sees every committed change;
 * aggregates use it for facts that other aggregates own (a cluster's state, a scope's policy).
 */
@Component
public class Directory {
    static final String GROUP_NAME = "group";
    static final String DEPLOYMENT_NAME = "deployment";
    static final String REPOSITORY_URL = "repository";
    static final String DATASOURCE_NAME = "datasource";
    static final String IMAGE_NAME = "image";
    /** The owner of platform-wide names. */
    static final String PLATFORM = "*";
    static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;

    Directory(JdbcClient directoryJdbc) {
        this.jdbc = directoryJdbc;
    }

    /** What a deployment's actions and changes need to know of its group. */
    public record GroupSettings(GroupType type, List<ClusterId> clusters, Map<String, String> books,
                                Strategy strategy) {
        public GroupSettings(GroupType type, List<ClusterId> clusters, Map<String, String> books) {
            this(type, clusters, books, Strategy.ROLLING);
        }
    }

    /** {@code pauseAfterSeconds} and {@code dropAfterSeconds}: the scope's timers, or null. */
    public record ScopePolicy(String name, boolean allowDrop, Role roleToAct, Concurrency concurrency,
                              List<ClusterId> clusters, Long pauseAfterSeconds, Long dropAfterSeconds,
                              List<Freeze> freezes) {
        public ScopePolicy(String name, boolean allowDrop, Role roleToAct, Concurrency concurrency,
                           List<ClusterId> clusters, Long pauseAfterSeconds, Long dropAfterSeconds) {
            this(name, allowDrop, roleToAct, concurrency, clusters, pauseAfterSeconds, dropAfterSeconds, List.of());
        }

        /** The freeze in force at {@code at}, the one that ends last if several overlap. */
        public Optional<Freeze> freezeAt(Instant at) {
            return freezes.stream().filter(freeze -> freeze.covers(at)).max(java.util.Comparator.comparing(Freeze::to));
        }
    }

    static String schedules(List<Schedule> schedules) {
        return String.join(";", schedules.stream().map(schedule -> schedule.name() + "|"
                + String.join(",", schedule.days()) + "|" + schedule.start() + "|" + schedule.stop() + "|"
                + schedule.zone()).toList());
    }

    static List<Schedule> schedules(String stored) {
        if (stored == null || stored.isEmpty()) {
            return List.of();
        }
        return java.util.Arrays.stream(stored.split(";")).map(entry -> entry.split("\\|"))
                .map(part -> new Schedule(part[0], List.of(part[1].split(",")), part[2], part[3], part[4]))
                .toList();
    }

    /** A scope with start/stop schedules, and the deployments living in it. */
    public record ScheduledScope(GroupId group, String scope, List<Schedule> schedules) {
    }

    public List<ScheduledScope> scheduledScopes() {
        return jdbc.sql("SELECT group_id, name, schedules FROM directory_scopes WHERE schedules <> '' ORDER BY group_id, name")
                .query((row, n) -> new ScheduledScope(new GroupId(row.getString("group_id")), row.getString("name"),
                        schedules(row.getString("schedules"))))
                .list();
    }

    public List<DeploymentId> scopeDeployments(GroupId group, String scope) {
        return jdbc.sql("SELECT id FROM directory_resources WHERE kind = 'deployment' AND group_id = :group "
                        + "AND scope = :scope AND NOT dropped ORDER BY id")
                .param("group", group.value()).param("scope", scope)
                .query((row, n) -> new DeploymentId(row.getString("id")))
                .list();
    }

    /** The latest boundary a schedule has acted on, if any. */
    public Optional<Instant> scheduleMark(GroupId group, String scope, String schedule) {
        return jdbc.sql("SELECT acted_on FROM directory_schedule_marks WHERE group_id = :group AND scope = :scope "
                        + "AND schedule = :schedule")
                .param("group", group.value()).param("scope", scope).param("schedule", schedule)
                .query((row, n) -> row.getTimestamp("acted_on").toInstant())
                .optional();
    }

    public void markSchedule(GroupId group, String scope, String schedule, Instant actedOn) {
        jdbc.sql("INSERT INTO directory_schedule_marks (group_id, scope, schedule, acted_on) "
                        + "VALUES (:group, :scope, :schedule, :at) ON CONFLICT (group_id, scope, schedule) "
                        + "DO UPDATE SET acted_on = EXCLUDED.acted_on")
                .param("group", group.value()).param("scope", scope).param("schedule", schedule)
                .param("at", java.sql.Timestamp.from(actedOn)).update();
    }

    static String freezes(List<Freeze> freezes) {
        return String.join(";", freezes.stream()
                .map(freeze -> freeze.name() + "|" + freeze.from() + "|" + freeze.to() + "|" + freeze.refuse()).toList());
    }

    static List<Freeze> freezes(String stored) {
        if (stored == null || stored.isEmpty()) {
            return List.of();
        }
        return java.util.Arrays.stream(stored.split(";")).map(entry -> entry.split("\\|"))
                .map(part -> new Freeze(part[0], Instant.parse(part[1]), Instant.parse(part[2]), Boolean.parseBoolean(part[3])))
                .toList();
    }

    /** {@code project} null: platform-wide. */
    public record RepositoryFacts(ProjectId project, GroupType type, boolean archived, List<String> branches) {
    }

    public record ImageFacts(RepositoryId repository, ProjectId project) {
    }

    public record DatasourceFacts(ProjectId project, DataType dataType) {
    }

    public Optional<RepositoryFacts> repository(RepositoryId repository) {
        List<String> branches = jdbc.sql("SELECT name FROM directory_branches WHERE repository = :id ORDER BY name")
                .param("id", repository.value()).query(String.class).list();
        return jdbc.sql("SELECT project, type, archived FROM directory_repositories WHERE id = :id")
                .param("id", repository.value())
                .query((row, n) -> new RepositoryFacts(projectOrNull(row.getString("project")),
                        row.getString("type") == null ? null : new GroupType(row.getString("type")),
                        row.getBoolean("archived"), branches))
                .optional();
    }

    /** The group action a member's job belongs to, if any. */
    public Optional<GroupRunId> groupRunOf(JobId job) {
        return jdbc.sql("SELECT run_id FROM directory_group_run_jobs WHERE job_id = :job")
                .param("job", job.value())
                .query((row, n) -> new GroupRunId(row.getString("run_id")))
                .optional();
    }

    /** A living deployment of a group, by name. */
    public record GroupDeployment(DeploymentId id, String name, String scope) {
    }

    public List<GroupDeployment> groupDeployments(GroupId group) {
        return jdbc.sql("SELECT n.id, n.name, r.scope FROM directory_names n JOIN directory_resources r "
                        + "ON r.kind = 'deployment' AND r.id = n.id WHERE n.kind = :kind AND n.parent = :group "
                        + "AND NOT r.dropped ORDER BY n.name")
                .param("kind", DEPLOYMENT_NAME).param("group", group.value())
                .query((row, n) -> new GroupDeployment(new DeploymentId(row.getString("id")), row.getString("name"),
                        row.getString("scope")))
                .list();
    }

    /** An image's newest push: what deploy-latest deploys. */
    public record LatestPush(String name, String tag, String digest) {
        /** {@code registry.example.com/shop:1.2}. */
        public String taggedImage() {
            return name + ":" + tag;
        }
    }

    public Optional<LatestPush> latestPush(ImageId image) {
        return jdbc.sql("SELECT name, latest_tag, latest_digest FROM directory_images "
                        + "WHERE id = :id AND latest_tag IS NOT NULL")
                .param("id", image.value())
                .query((row, n) -> new LatestPush(row.getString("name"), row.getString("latest_tag"),
                        row.getString("latest_digest")))
                .optional();
    }

    /** The live deployments subscribed to an image, for its pushes to redeploy. */
    public List<DeploymentId> subscribers(ImageId image) {
        return jdbc.sql("SELECT id FROM directory_resources WHERE kind = 'deployment' AND subscribe_to = :image "
                        + "AND NOT dropped ORDER BY id")
                .param("image", image.value())
                .query((row, n) -> new DeploymentId(row.getString("id")))
                .list();
    }

    public Optional<ImageFacts> image(ImageId image) {
        return jdbc.sql("SELECT repository, project FROM directory_images WHERE id = :id")
                .param("id", image.value())
                .query((row, n) -> new ImageFacts(new RepositoryId(row.getString("repository")),
                        projectOrNull(row.getString("project"))))
                .optional();
    }

    /**
     * Removed datasources are absent. Its row is locked for share until the transaction ends, so a scope cannot
     * start backing up to it while it is being removed.
     */
    public Optional<DatasourceFacts> datasource(DatasourceId datasource) {
        return jdbc.sql("SELECT project, data_type FROM directory_datasources WHERE id = :id AND NOT removed FOR SHARE")
                .param("id", datasource.value())
                .query((row, n) -> new DatasourceFacts(new ProjectId(row.getString("project")),
                        DataType.valueOf(row.getString("data_type"))))
                .optional();
    }

    /** Scopes, in every group, that back up to the datasource, with its row locked for update first. */
    public long scopesBackingUpTo(DatasourceId datasource) {
        jdbc.sql("SELECT id FROM directory_datasources WHERE id = :id FOR UPDATE")
                .param("id", datasource.value()).query(String.class).optional();
        return jdbc.sql("SELECT count(*) FROM directory_scopes WHERE backup = :id")
                .param("id", datasource.value()).query(Long.class).single();
    }

    private static ProjectId projectOrNull(String project) {
        return project == null ? null : new ProjectId(project);
    }

    /** Runs a directory read off the event loop. */
    public <T> Mono<T> blocking(Callable<T> read) {
        return Mono.fromCallable(read).subscribeOn(Schedulers.boundedElastic());
    }

    /** The group that has this name in the project, if any. */
    public Optional<GroupId> group(ProjectId project, String name) {
        return jdbc.sql("SELECT id FROM directory_names WHERE kind = :kind AND parent = :parent AND name = :name")
                .param("kind", GROUP_NAME).param("parent", project.value()).param("name", name)
                .query(String.class)
                .optional()
                .map(GroupId::new);
    }

    /** The group named so in the project, or a 404. */
    public GroupId requireGroup(ProjectId project, String name) {
        return group(project, name).orElseThrow(() -> new NotFoundException(
                "No group '" + name + "' in project '" + project.value() + "'"));
    }

    /** Living groups of the project: a deleted group leaves the directory. */
    public long groupsOf(ProjectId project) {
        return jdbc.sql("SELECT count(*) FROM directory_resources WHERE kind = 'group' AND project = :project")
                .param("project", project.value()).query(Long.class).single();
    }

    /** An archived project takes no new repositories or datasources. */
    public void requireLiveProject(ProjectId project) {
        boolean archived = jdbc.sql("SELECT archived FROM directory_projects WHERE project = :project")
                .param("project", project.value()).query(Boolean.class).optional().orElse(false);
        if (archived) {
            throw new GroupRuleException("project-archived", "Project '" + project.value() + "' is archived");
        }
    }

    /** Whether the user is a member of the project; overrides apply to members only. */
    public boolean isMember(ProjectId project, String user) {
        return jdbc.sql("SELECT 1 FROM directory_members WHERE project = :project AND user_id = :user")
                .param("project", project.value()).param("user", user)
                .query(Integer.class).optional().isPresent();
    }

    public Optional<String> owner(ProjectId project) {
        return jdbc.sql("SELECT owner FROM directory_projects WHERE project = :project")
                .param("project", project.value())
                .query(String.class).optional();
    }

    /** Overrides change the role of a member, and the owner's role is fixed. */
    public void requireOverridable(ProjectId project, String user) {
        if (owner(project).filter(user::equals).isPresent()) {
            throw new MemberRuleException(MemberRuleException.Rule.OWNER_IS_FIXED, "'" + user + "' owns project '"
                    + project.value() + "'; the owner is an admin everywhere in it");
        }
        if (!isMember(project, user)) {
            throw new MemberRuleException(MemberRuleException.Rule.NOT_A_MEMBER, "'" + user
                    + "' is not a member of project '" + project.value() + "'; overrides change a member's role");
        }
    }

    /**
     * Making, changing or removing an admin is the owner's call, through an override too: an admin who is not the
     * owner cannot raise a member to admin on one group, nor lower another admin there.
     */
    public void requireOwnerToTouchAdmin(ProjectId project, GroupId group, String user, Role role, String actor,
                                         Boolean platformAdmin) {
        requireOwnerToTouchAdmin(project, GROUP_NAME, group.value(), user, role, actor, platformAdmin);
    }

    public void requireOwnerToTouchAdmin(ProjectId project, DeploymentId deployment, String user, Role role,
                                         String actor, Boolean platformAdmin) {
        requireOwnerToTouchAdmin(project, DEPLOYMENT_NAME, deployment.value(), user, role, actor, platformAdmin);
    }

    private void requireOwnerToTouchAdmin(ProjectId project, String kind, String id, String user, Role role,
                                          String actor, Boolean platformAdmin) {
        if (Boolean.TRUE.equals(platformAdmin) || owner(project).filter(actor::equals).isPresent()) {
            return;
        }
        boolean touchesAdmin = role == Role.ADMIN
                || memberRole(project, user).filter(Role.ADMIN::equals).isPresent()
                || override(kind, id, user).filter(Role.ADMIN::equals).isPresent();
        if (touchesAdmin) {
            throw new MemberRuleException(MemberRuleException.Rule.OWNER_REQUIRED, "Only the owner of project '"
                    + project.value() + "' may give an admin override or change an admin's role");
        }
    }

    /**
     * Creating a deployment in a scope, or moving one there, needs the role to act in it: a developer cannot put
     * work where only admins may run it.
     */
    public void requireRoleToWorkIn(ProjectId project, GroupId group, DeploymentId deployment, String scope,
                                    Role roleToAct, String actor, Boolean platformAdmin) {
        requireRoleToAct(project, group, deployment, scope, roleToAct, actor, platformAdmin,
                "to create or move deployments into it");
    }

    /** The scope's roleToAct (developer at least), by the caller's role there, with overrides. */
    public void requireRoleToAct(ProjectId project, GroupId group, DeploymentId deployment, String scope,
                                 Role roleToAct, String actor, Boolean platformAdmin, String toDoWhat) {
        Role needed = roleToAct.atLeast(Role.DEVELOPER) ? roleToAct : Role.DEVELOPER;
        if (Boolean.TRUE.equals(platformAdmin) || owner(project).filter(actor::equals).isPresent()) {
            return;
        }
        Optional<Role> role = memberRole(project, actor).map(projectRole -> (deployment == null
                ? Optional.<Role>empty() : override(DEPLOYMENT_NAME, deployment.value(), actor))
                .or(() -> override(GROUP_NAME, group.value(), actor))
                .orElse(projectRole));
        if (role.isEmpty() || !role.get().atLeast(needed)) {
            throw new ForbiddenException("Scope '" + scope + "' needs the role '" + needed.wire()
                    + "' " + toDoWhat + "; you are '" + role.map(Role::wire).orElse("no member") + "'");
        }
    }

    private Optional<Role> memberRole(ProjectId project, String user) {
        return jdbc.sql("SELECT role FROM directory_members WHERE project = :project AND user_id = :user")
                .param("project", project.value()).param("user", user)
                .query(String.class).optional().map(Role::valueOf);
    }

    private Optional<Role> override(String kind, String id, String user) {
        return jdbc.sql("SELECT role FROM directory_overrides WHERE kind = :kind AND id = :id AND user_id = :user")
                .param("kind", kind).param("id", id).param("user", user)
                .query(String.class).optional().map(Role::valueOf);
    }

    /** The project a deployment belongs to. */
    /** Whether the deployment's scope asks for a default monitor. */
    public boolean scopeMonitors(DeploymentId deployment) {
        return jdbc.sql("""
                        SELECT s.monitor FROM directory_resources r
                        JOIN directory_scopes s ON s.group_id = r.group_id AND s.name = r.scope
                        WHERE r.kind = 'deployment' AND r.id = :id""")
                .param("id", deployment.value()).query(Boolean.class).optional().orElse(false);
    }

    /** Whether the monitor was ever created, removed or not. */
    public boolean monitorExists(MonitorId monitor) {
        return jdbc.sql("SELECT count(*) FROM directory_monitors WHERE id = :id").param("id", monitor.value())
                .query(Long.class).single() > 0;
    }

    /** The monitors of a deployment that were not removed. */
    public List<MonitorId> monitorsOf(DeploymentId deployment) {
        return jdbc.sql("SELECT id FROM directory_monitors WHERE deployment = :deployment AND NOT removed ORDER BY id")
                .param("deployment", deployment.value())
                .query((row, n) -> new MonitorId(row.getString("id"))).list();
    }

    public Optional<ProjectId> projectOf(DeploymentId deployment) {
        return jdbc.sql("SELECT project FROM directory_resources WHERE kind = 'deployment' AND id = :id")
                .param("id", deployment.value())
                .query(String.class).optional().map(ProjectId::new);
    }

    /** Where jobs reach these clusters, in the order given. */
    public List<JobTarget.Cluster> clusterTargets(List<ClusterId> clusters) {
        if (clusters.isEmpty()) {
            return List.of();
        }
        Map<String, JobTarget.Cluster> found = new LinkedHashMap<>();
        jdbc.sql("SELECT slug, api_server, credentials_ref FROM directory_clusters WHERE slug IN (:slugs)")
                .param("slugs", clusters.stream().map(ClusterId::value).toList())
                .query((row, n) -> found.put(row.getString("slug"), new JobTarget.Cluster(row.getString("slug"),
                        row.getString("api_server"), row.getString("credentials_ref"))))
                .list();
        return clusters.stream().map(cluster -> found.get(cluster.value())).filter(java.util.Objects::nonNull).toList();
    }

    /** The cluster's state, read without a lock. */
    public Optional<ClusterState> clusterState(ClusterId cluster) {
        return jdbc.sql("SELECT state FROM directory_clusters WHERE slug = :slug")
                .param("slug", cluster.value())
                .query((row, n) -> ClusterState.valueOf(row.getString("state"))).optional();
    }

    /**
     * The states of these clusters, locked for share until the transaction ends: a cluster cannot be deleted
     * while a deployment that uses it is being created. Clusters that do not exist are absent.
     */
    public Map<ClusterId, ClusterState> lockClusterStates(Collection<ClusterId> clusters) {
        Map<ClusterId, ClusterState> states = new LinkedHashMap<>();
        if (clusters.isEmpty()) {
            return states;
        }
        jdbc.sql("SELECT slug, state FROM directory_clusters WHERE slug IN (:slugs) ORDER BY slug FOR SHARE")
                .param("slugs", clusters.stream().map(ClusterId::value).toList())
                .query((row, n) -> states.put(new ClusterId(row.getString("slug")),
                        ClusterState.valueOf(row.getString("state"))))
                .list();
        return states;
    }

    /** How many living deployments use the cluster, with the cluster's row locked until the transaction ends. */
    public long lockClusterUsage(ClusterId cluster) {
        jdbc.sql("SELECT slug FROM directory_clusters WHERE slug = :slug FOR UPDATE")
                .param("slug", cluster.value()).query(String.class).optional();
        return jdbc.sql("SELECT count(*) FROM directory_cluster_usage WHERE cluster = :slug")
                .param("slug", cluster.value()).query(Long.class).single();
    }

    /**
     * Deployments of the group (of one scope, unless {@code scope} is null) that were not dropped. The scopes' rows
     * are locked for update first: a deployment being created in one or moved there holds its row for share, so it
     * either commits before this count or finds its scope gone.
     */
    public long liveDeployments(GroupId group, String scope) {
        jdbc.sql("SELECT name FROM directory_scopes WHERE group_id = :group "
                        + "AND (CAST(:scope AS TEXT) IS NULL OR name = :scope) ORDER BY name FOR UPDATE")
                .param("group", group.value()).param("scope", scope)
                .query(String.class).list();
        return jdbc.sql("SELECT count(*) FROM directory_resources WHERE kind = 'deployment' AND group_id = :group "
                        + "AND NOT dropped AND (CAST(:scope AS TEXT) IS NULL OR scope = :scope)")
                .param("group", group.value()).param("scope", scope)
                .query(Long.class).single();
    }

    public GroupSettings groupSettings(GroupId group) {
        return jdbc.sql("SELECT type, clusters, books, strategy FROM directory_groups WHERE id = :id")
                .param("id", group.value())
                .query((row, n) -> new GroupSettings(new GroupType(row.getString("type")),
                        clusters(row.getString("clusters")), books(row.getString("books")),
                        row.getString("strategy") == null ? Strategy.ROLLING : Strategy.valueOf(row.getString("strategy"))))
                .optional()
                .orElseThrow(() -> new IllegalStateException("group " + group + " is not in the directory"));
    }

    /**
     * Locks the scope's row for share until the transaction ends (see {@link #liveDeployments}); refuses a scope
     * that a command which committed while this one waited for the row has removed, or whose group it deleted.
     */
    public void lockScope(GroupId group, String name) {
        if (scope(group, name).isEmpty()) {
            throw new InvalidInputException("scope", "'" + name + "' was just removed from the group");
        }
    }

    /** The scope's policy, its row locked for share until the transaction ends (see {@link #liveDeployments}). */
    public Optional<ScopePolicy> scope(GroupId group, String name) {
        return jdbc.sql("SELECT * FROM directory_scopes WHERE group_id = :group AND name = :name FOR SHARE")
                .param("group", group.value()).param("name", name)
                .query((row, n) -> new ScopePolicy(row.getString("name"), row.getBoolean("allow_drop"),
                        Role.valueOf(row.getString("role_to_act")), Concurrency.valueOf(row.getString("concurrency")),
                        clusters(row.getString("clusters")), (Long) row.getObject("pause_after_seconds"),
                        (Long) row.getObject("drop_after_seconds"), freezes(row.getString("freezes"))))
                .optional();
    }

    /** One published version of a Book, as a job copies it. */
    public record BookVersion(String name, int version, GroupType groupType, List<BookStep> steps, int multiplier) {
    }

    /** The version, or the latest one when {@code version} is null. */
    public Optional<BookVersion> book(String name, Integer version) {
        return jdbc.sql("SELECT * FROM directory_books WHERE name = :name "
                        + "AND (CAST(:version AS INT) IS NULL OR version = :version) ORDER BY version DESC LIMIT 1")
                .param("name", name).param("version", version)
                .query((row, n) -> new BookVersion(row.getString("name"), row.getInt("version"),
                        new GroupType(row.getString("group_type")), bookSteps(row.getString("steps")),
                        row.getInt("multiplier")))
                .optional();
    }

    /** The average of each step's past runs in this Book, in milliseconds, by step; a step that never ran is absent. */
    public Map<String, Long> averageMillis(String book) {
        Map<String, Long> averages = new java.util.HashMap<>();
        jdbc.sql("SELECT step, total_millis / runs FROM directory_step_averages WHERE book = :book AND runs > 0")
                .param("book", book)
                .query((row, n) -> averages.put(row.getString(1), row.getLong(2)))
                .list();
        return averages;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<BookStep> bookSteps(String stored) {
        try {
            return JSON.readValue(stored, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String clusters(List<ClusterId> clusters) {
        return String.join(",", clusters.stream().map(ClusterId::value).toList());
    }

    static List<ClusterId> clusters(String stored) {
        return stored.isEmpty() ? List.of() : Arrays.stream(stored.split(",")).map(ClusterId::new).toList();
    }

    static String books(Map<String, String> books) {
        try {
            return JSON.writeValueAsString(books);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> books(String stored) {
        try {
            return JSON.readValue(stored, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
