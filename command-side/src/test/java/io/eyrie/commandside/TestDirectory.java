package io.eyrie.commandside;

import io.eyrie.api.book.StandardBooks;
import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.cluster.ClusterState;
import io.eyrie.api.project.Concurrency;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.Role;
import io.eyrie.commandside.deployment.type.DeploymentTypes;
import io.eyrie.commandside.directory.Directory.GroupSettings;
import io.eyrie.commandside.directory.Directory.ScopePolicy;
import io.eyrie.commandside.directory.Directory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** What fixture tests tell aggregates about other aggregates: a directory with set facts, and the real types. */
public final class TestDirectory {
    private final Directory directory = mock(Directory.class);
    private final Map<ClusterId, ClusterState> clusters = new HashMap<>();

    public TestDirectory() {
        when(directory.lockClusterStates(anyCollection())).thenAnswer(call -> {
            Map<ClusterId, ClusterState> states = new LinkedHashMap<>();
            for (Object cluster : (Collection<?>) call.getArgument(0)) {
                if (clusters.containsKey(cluster)) {
                    states.put((ClusterId) cluster, clusters.get(cluster));
                }
            }
            return states;
        });
        cluster("local", ClusterState.ACTIVE);
        // The built-in Books, as seeding publishes them: version 1 of each.
        StandardBooks.all().forEach((name, book) -> {
            var version = Optional.of(new Directory.BookVersion(name, 1, book.groupType(), book.steps(), 10));
            when(directory.book(eq(name), isNull())).thenReturn(version);
            when(directory.book(eq(name), eq(1))).thenReturn(version);
        });
    }

    public Directory directory() {
        return directory;
    }

    public TestDirectory cluster(String slug, ClusterState state) {
        clusters.put(new ClusterId(slug), state);
        return this;
    }

    public TestDirectory scope(io.eyrie.api.project.GroupId group, String name, boolean allowDrop, Role roleToAct,
                               List<ClusterId> scopeClusters) {
        return scope(group, name, allowDrop, roleToAct, scopeClusters, Concurrency.QUEUE);
    }

    public TestDirectory scope(io.eyrie.api.project.GroupId group, String name, boolean allowDrop, Role roleToAct,
                               List<ClusterId> scopeClusters, Concurrency concurrency) {
        return scope(group, new ScopePolicy(name, allowDrop, roleToAct, concurrency, scopeClusters, null, null));
    }

    public TestDirectory scope(io.eyrie.api.project.GroupId group, ScopePolicy policy) {
        when(directory.scope(eq(group), eq(policy.name()))).thenReturn(Optional.of(policy));
        return this;
    }

    public TestDirectory group(io.eyrie.api.project.GroupId group, GroupType type, List<ClusterId> groupClusters,
                               Map<String, String> books) {
        return group(group, type, groupClusters, books, io.eyrie.api.project.Strategy.ROLLING);
    }

    public TestDirectory group(io.eyrie.api.project.GroupId group, GroupType type, List<ClusterId> groupClusters,
                               Map<String, String> books, io.eyrie.api.project.Strategy strategy) {
        when(directory.groupSettings(eq(group))).thenReturn(new GroupSettings(type, groupClusters, books, strategy));
        return this;
    }

    public TestDirectory liveDeployments(io.eyrie.api.project.GroupId group, String scope, long count) {
        when(directory.liveDeployments(eq(group), scope == null ? isNull() : eq(scope))).thenReturn(count);
        return this;
    }

    /** The types Spring would find, found the same way. */
    public static DeploymentTypes types() {
        try (var context = new AnnotationConfigApplicationContext("io.eyrie.commandside.deployment.type")) {
            return context.getBean(DeploymentTypes.class);
        }
    }
}
