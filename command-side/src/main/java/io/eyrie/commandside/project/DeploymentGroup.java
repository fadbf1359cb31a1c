package io.eyrie.commandside.project;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.cluster.ClusterState;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.CreateDeployment;
import io.eyrie.api.deployment.DeploymentCreated;
import io.eyrie.api.deployment.DeploymentSettings;
import io.eyrie.api.deployment.DeploymentSpec;
import io.eyrie.api.deployment.Service;
import io.eyrie.api.project.ChangeDeploymentGroup;
import io.eyrie.api.project.CreateDeploymentGroup;
import io.eyrie.api.project.DefineScope;
import io.eyrie.api.project.DeleteDeploymentGroup;
import io.eyrie.api.project.DeploymentGroupChanged;
import io.eyrie.api.project.DeploymentGroupCreated;
import io.eyrie.api.project.DeploymentGroupDeleted;
import io.eyrie.api.project.GroupDefaults;
import io.eyrie.api.project.GroupId;
import io.eyrie.api.project.GroupRoleOverridden;
import io.eyrie.api.project.GroupRoleOverrideRemoved;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.KubernetesNames;
import io.eyrie.api.project.ProjectId;
import io.eyrie.api.project.RemoveGroupRoleOverride;
import io.eyrie.api.project.RemoveScope;
import io.eyrie.api.project.Role;
import io.eyrie.api.project.Scope;
import io.eyrie.api.project.ScopeDefined;
import io.eyrie.api.project.ScopeRemoved;
import io.eyrie.api.project.SetGroupRoleOverride;
import io.eyrie.commandside.InvalidInputException;
import io.eyrie.commandside.deployment.Deployment;
import io.eyrie.commandside.deployment.type.DeploymentTypes;
import io.eyrie.commandside.directory.Directory;
import io.eyrie.commandside.directory.References;
import io.eyrie.platform.web.NotFoundException;
import io.eyrie.platform.web.Problems;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

/**
 * Deployments of one type with shared settings: linked clusters, defaults, Books per action and scopes. A new
 * deployment takes what it does not set from here, once, at creation. Deleting a group needs every deployment
 * dropped; a scope in use is not removed, nor a group's last one.
 */
@Aggregate(filterEventsByType = true)
public class DeploymentGroup {
    @AggregateIdentifier
    private GroupId id;
    private ProjectId project;
    private String name;
    private GroupType type;
    private String namespaceUid;
    private List<ClusterId> clusters;
    private GroupDefaults defaults;
    private Map<String, String> books;
    private final Map<String, Scope> scopes = new LinkedHashMap<>();
    private final Map<String, Role> overrides = new HashMap<>();
    private boolean deleted;

    protected DeploymentGroup() {
    }

    DeploymentGroup(CreateDeploymentGroup command, String namespaceUid, Directory directory, DeploymentTypes types) {
        types.of(command.type());
        List<Scope> scopes = command.scopes().isEmpty() ? List.of(Scope.dev()) : command.scopes();
        Set<String> names = new LinkedHashSet<>();
        List<ClusterId> linked = new ArrayList<>(command.clusters());
        for (Scope scope : scopes) {
            if (!names.add(scope.name())) {
                throw new InvalidInputException("scopes", "scope '" + scope.name() + "' is named twice");
            }
            linked.addAll(scope.clusters());
        }
        requireBooks(command.books());
        requireExisting(linked, directory);
        scopes.forEach(scope -> References.requireBackup(directory, command.project(), scope.backupDatasource()));
        apply(new DeploymentGroupCreated(command.group(), command.project(), command.name(), command.type(),
                namespaceUid, List.copyOf(command.clusters()), command.defaults(), Map.copyOf(command.books()),
                scopes));
    }

    @CommandHandler
    public void handle(ChangeDeploymentGroup command, Directory directory) {
        requireLive();
        List<ClusterId> newClusters = command.clusters() == null ? clusters : List.copyOf(command.clusters());
        GroupDefaults newDefaults = command.defaults() == null ? defaults : command.defaults();
        Map<String, String> newBooks = command.books() == null ? books : Map.copyOf(command.books());
        requireBooks(newBooks);
        requireExisting(newClusters, directory);
        if (!newClusters.equals(clusters) || !newDefaults.equals(defaults) || !newBooks.equals(books)) {
            apply(new DeploymentGroupChanged(id, project, newClusters, newDefaults, newBooks));
        }
    }

    /** Changed clusters of a scope apply to deployments created from then on; existing ones keep theirs. */
    @CommandHandler
    public void handle(DefineScope command, Directory directory) {
        requireLive();
        requireExisting(command.scope().clusters(), directory);
        References.requireBackup(directory, project, command.scope().backupDatasource());
        Scope previous = scopes.get(command.scope().name());
        if (!command.scope().equals(previous)) {
            apply(new ScopeDefined(id, project, command.scope(), previous));
        }
    }

    @CommandHandler
    public void handle(RemoveScope command, Directory directory) {
        requireLive();
        if (!scopes.containsKey(command.scope())) {
            throw new NotFoundException("No scope '" + command.scope() + "' in group '" + name + "'");
        }
        if (scopes.size() == 1) {
            throw new GroupRuleException("last-scope", "Scope '" + command.scope() + "' is the last of group '"
                    + name + "'; a group keeps at least one");
        }
        long using = directory.liveDeployments(id, command.scope());
        if (using > 0) {
            throw new GroupRuleException("scope-in-use", "Scope '" + command.scope() + "' has " + using
                    + " deployment(s) that were not dropped");
        }
        apply(new ScopeRemoved(id, project, command.scope()));
    }

    @CommandHandler
    public void handle(DeleteDeploymentGroup command, Directory directory) {
        requireLive();
        long living = directory.liveDeployments(id, null);
        if (living > 0) {
            throw new GroupRuleException("group-not-empty", "Group '" + name + "' has " + living
                    + " deployment(s) that were not dropped; drop them first");
        }
        apply(new DeploymentGroupDeleted(id, project, name));
    }

    /** Always recorded: a member who left and came back has no override, whatever this group last heard. */
    @CommandHandler
    public void handle(SetGroupRoleOverride command, Directory directory,
                       @MetaDataValue(AuditMetaData.INITIATOR) String actor,
                       @MetaDataValue(AuditMetaData.PLATFORM_ADMIN) Boolean platformAdmin) {
        requireLive();
        directory.requireOwnerToTouchAdmin(project, id, command.user(), command.role(),
                actor, platformAdmin);
        apply(new GroupRoleOverridden(id, project, command.user(), command.role()));
    }

    /** Removing an override that does not exist changes nothing, so a retried DELETE is harmless. */
    @CommandHandler
    public void handle(RemoveGroupRoleOverride command, Directory directory,
                       @MetaDataValue(AuditMetaData.INITIATOR) String actor,
                       @MetaDataValue(AuditMetaData.PLATFORM_ADMIN) Boolean platformAdmin) {
        directory.requireOwnerToTouchAdmin(project, id, command.user(), null,
                actor, platformAdmin);
        if (overrides.containsKey(command.user())) {
            apply(new GroupRoleOverrideRemoved(id, project, command.user()));
        }
    }

    /**
     * Fills in what the request leaves out: the first scope, the scope's clusters or else the group's, and the
     * group's defaults. Its clusters must be linked to the group or the scope, and active.
     */
    @CommandHandler
    public void handle(CreateDeployment command, Directory directory, DeploymentTypes types,
                       @MetaDataValue(AuditMetaData.INITIATOR) String actor,
                       @MetaDataValue(AuditMetaData.PLATFORM_ADMIN) Boolean platformAdmin) throws Exception {
        requireLive();
        DeploymentSettings asked = command.settings();
        List<String> inherited = new ArrayList<>();
        String scopeName = asked.scope();
        if (scopeName == null) {
            scopeName = scopes.keySet().iterator().next();
            inherited.add("scope");
        }
        Scope scope = scopes.get(scopeName);
        if (scope == null) {
            throw new InvalidInputException("scope", "must be one of the group's scopes: "
                    + String.join(", ", scopes.keySet()));
        }
        directory.lockScope(id, scope.name());
        directory.requireRoleToWorkIn(project, id, null, scope.name(), scope.roleToAct(), actor, platformAdmin);
        List<ClusterId> chosen = asked.clusters();
        if (chosen == null) {
            chosen = scope.clusters().isEmpty() ? clusters : scope.clusters();
            inherited.add("clusters");
        }
        Set<ClusterId> linked = new LinkedHashSet<>(clusters);
        linked.addAll(scope.clusters());
        References.requireUsableClusters(directory, chosen, linked, "group '" + name + "' or scope '" + scope.name() + "'");
        var repository = pick(asked.repository(), defaults.repository(), "repository", inherited);
        String branch = pick(asked.branch(), defaults.branch(), "branch", inherited);
        String image = pick(asked.image(), defaults.image(), "image", inherited);
        List<Service> services = asked.services();
        if (services == null || services.isEmpty()) {
            if (image == null) {
                throw new InvalidInputException("image",
                        "is needed: give an image or services, or set the group's default image");
            }
            services = List.of(new Service(command.name(), image, 1, List.of()));
        } else if (image == null) {
            image = services.getFirst().image();
        }
        Map<String, Object> config = asked.config() == null ? Map.of() : Map.copyOf(asked.config());
        List<Problems.FieldError> badConfig = types.of(type).checkShape(config);
        if (!badConfig.isEmpty()) {
            throw new InvalidInputException(badConfig);
        }
        DeploymentSpec spec = new DeploymentSpec(scopeName, List.copyOf(chosen), repository, branch, image,
                asked.commitRef(), List.copyOf(services), config, asked.subscribeTo());
        References.requireReferences(directory, project, type, spec, null);
        DeploymentCreated created = new DeploymentCreated(command.deploymentId(), project, id, name, type,
                command.name(), namespaceUid,
                KubernetesNames.deploymentNamespace(project.value(), command.name(), command.deploymentId().value()),
                spec, List.copyOf(inherited));
        createNew(Deployment.class, () -> new Deployment(created));
    }

    private static <T> T pick(T asked, T inherited, String field, List<String> inheritedFields) {
        if (asked != null) {
            return asked;
        }
        if (inherited != null) {
            inheritedFields.add(field);
        }
        return inherited;
    }

    private static void requireExisting(Collection<ClusterId> linked, Directory directory) {
        Map<ClusterId, ClusterState> states = directory.lockClusterStates(new LinkedHashSet<>(linked));
        List<String> unknown = linked.stream()
                .filter(cluster -> states.get(cluster) == null || states.get(cluster) == ClusterState.DELETE)
                .map(ClusterId::value).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("clusters", "no such cluster: " + String.join(", ", unknown));
        }
    }

    private static void requireBooks(Map<String, String> books) {
        for (String action : books.keySet()) {
            if (Action.WITH_BOOK.stream().noneMatch(known -> known.wire().equals(action))) {
                throw new InvalidInputException("books." + action, "is not an action that runs a Book; books are "
                        + "chosen for " + String.join(", ", Action.WITH_BOOK.stream().map(Action::wire).toList()));
            }
        }
    }

    private void requireLive() {
        if (deleted) {
            throw new NotFoundException("No group '" + name + "' in project '" + project.value() + "'");
        }
    }

    @EventSourcingHandler
    void on(DeploymentGroupCreated event) {
        this.id = event.group();
        this.project = event.project();
        this.name = event.name();
        this.type = event.type();
        this.namespaceUid = event.namespaceUid();
        this.clusters = event.clusters();
        this.defaults = event.defaults();
        this.books = event.books();
        event.scopes().forEach(scope -> scopes.put(scope.name(), scope));
    }

    @EventSourcingHandler
    void on(DeploymentGroupChanged event) {
        this.clusters = event.clusters();
        this.defaults = event.defaults();
        this.books = event.books();
    }

    @EventSourcingHandler
    void on(ScopeDefined event) {
        scopes.put(event.scope().name(), event.scope());
    }

    @EventSourcingHandler
    void on(ScopeRemoved event) {
        scopes.remove(event.scope());
    }

    @EventSourcingHandler
    void on(DeploymentGroupDeleted event) {
        this.deleted = true;
    }

    @EventSourcingHandler
    void on(GroupRoleOverridden event) {
        overrides.put(event.user(), event.role());
    }

    @EventSourcingHandler
    void on(GroupRoleOverrideRemoved event) {
        overrides.remove(event.user());
    }
}
