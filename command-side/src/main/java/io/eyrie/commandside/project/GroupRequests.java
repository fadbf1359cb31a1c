package io.eyrie.commandside.project;

import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.datasource.DatasourceId;
import io.eyrie.api.id.Ids;
import io.eyrie.api.project.Concurrency;
import io.eyrie.api.project.GroupDefaults;
import io.eyrie.api.project.Role;
import io.eyrie.api.project.Schedule;
import io.eyrie.api.project.Scope;
import io.eyrie.api.project.Strategy;
import io.eyrie.api.repository.RepositoryId;
import io.eyrie.commandside.InvalidInputException;
import io.eyrie.commandside.Validation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/** The bodies of the group and scope endpoints. */
final class GroupRequests {
    /** Ten years: longer timers are surely mistakes. */
    static final long LONGEST_TIMER = 315_360_000L;

    private GroupRequests() {
    }

    /** Creates a group (name and type required) or changes one (name, type and scopes refused). */
    record GroupRequest(
            @Pattern(regexp = Validation.DNS_LABEL, message = Validation.DNS_LABEL_MESSAGE) String name,
            @Pattern(regexp = Validation.DNS_LABEL, message = Validation.DNS_LABEL_MESSAGE) String type,
            @Size(max = 20) List<@NotNull @Pattern(regexp = Validation.DNS_LABEL, message = Validation.DNS_LABEL_MESSAGE) String> clusters,
            @Valid DefaultsRequest defaults,
            @Size(max = 10) Map<@Pattern(regexp = "[a-z-]{1,20}", message = "must be an action") String,
                    @NotNull @Pattern(regexp = Validation.BOOK_REF, message = Validation.BOOK_REF_MESSAGE) String> books,
            @Size(max = 20) List<@NotNull @Valid ScopeRequest> scopes) {

        void requireForCreate() {
            if (name == null) {
                throw new InvalidInputException("name", "must not be blank");
            }
            if (type == null) {
                throw new InvalidInputException("type", "must not be blank");
            }
        }

        void requireForChange() {
            if (name != null) {
                throw new InvalidInputException("name", "cannot be changed");
            }
            if (type != null) {
                throw new InvalidInputException("type", "cannot be changed");
            }
            if (scopes != null) {
                throw new InvalidInputException("scopes", "are changed one by one: PUT .../scopes/{scope}");
            }
        }

        List<ClusterId> clusterIds() {
            return clusters == null ? null : clusters.stream().map(ClusterId::new).toList();
        }

        List<Scope> scopeList() {
            return scopes == null ? List.of() : scopes.stream().map(scope -> {
                if (scope.name() == null) {
                    throw new InvalidInputException("scopes.name", "must not be blank");
                }
                return scope.toScope(scope.name());
            }).toList();
        }
    }

    record DefaultsRequest(
            @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String repository,
            @Pattern(regexp = Validation.BRANCH, message = Validation.BRANCH_MESSAGE) String branch,
            @Size(max = 300) @Pattern(regexp = Validation.IMAGE, message = Validation.IMAGE_MESSAGE) String image,
            Strategy strategy) {

        GroupDefaults toDefaults() {
            return new GroupDefaults(repository == null ? null : new RepositoryId(repository), branch, image,
                    strategy == null ? Strategy.ROLLING : strategy);
        }
    }

    /** A freeze window: from and to are instants; {@code refuse} refuses deploys in it rather than holding them. */
    record FreezeRequest(
            @NotNull @Pattern(regexp = Validation.DNS_LABEL, message = Validation.DNS_LABEL_MESSAGE) String name,
            @NotNull java.time.Instant from,
            @NotNull java.time.Instant to,
            Boolean refuse) {
        io.eyrie.api.project.Freeze toFreeze() {
            return new io.eyrie.api.project.Freeze(name, from, to, Boolean.TRUE.equals(refuse));
        }
    }

    /** A scope's policy; fields left out take the safe default (no drop, developer acts, actions queue). */
    record ScopeRequest(
            @Pattern(regexp = Validation.DNS_LABEL, message = Validation.DNS_LABEL_MESSAGE) String name,
            Boolean allowDrop,
            @Min(60) @Max(LONGEST_TIMER) Long pauseAfterSeconds,
            @Min(60) @Max(LONGEST_TIMER) Long dropAfterSeconds,
            @Min(60) @Max(LONGEST_TIMER) Long monitorLogDeleteAfterSeconds,
            @Size(max = 20) List<@NotNull @Pattern(regexp = Validation.DNS_LABEL, message = Validation.DNS_LABEL_MESSAGE) String> clusters,
            @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String backupDatasource,
            Role roleToAct,
            Concurrency concurrency,
            @Size(max = 20) List<@NotNull @Valid FreezeRequest> freezes,
            @Size(max = 10) List<@NotNull Schedule> schedules,
            Boolean monitor) {

        Scope toScope(String scopeName) {
            if (schedules != null) {
                for (int i = 0; i < schedules.size(); i++) {
                    Schedule schedule = schedules.get(i);
                    if (schedule.name() == null || !schedule.name().matches(Validation.DNS_LABEL)) {
                        throw new InvalidInputException("schedules[" + i + "].name", Validation.DNS_LABEL_MESSAGE);
                    }
                    String problem = schedule.problem();
                    if (problem != null) {
                        throw new InvalidInputException("schedules[" + i + "]", problem);
                    }
                }
            }
            if (freezes != null) {
                for (int i = 0; i < freezes.size(); i++) {
                    if (!freezes.get(i).from().isBefore(freezes.get(i).to())) {
                        throw new InvalidInputException("freezes[" + i + "].to", "must come after from");
                    }
                }
            }
            if (name != null && !name.equals(scopeName)) {
                throw new InvalidInputException("name", "must be the scope named in the path, or left out");
            }
            if (pauseAfterSeconds != null && dropAfterSeconds != null && dropAfterSeconds < pauseAfterSeconds) {
                throw new InvalidInputException("dropAfterSeconds", "must not come before pauseAfterSeconds");
            }
            return new Scope(scopeName, Boolean.TRUE.equals(allowDrop), pauseAfterSeconds, dropAfterSeconds,
                    monitorLogDeleteAfterSeconds,
                    clusters == null ? List.of() : clusters.stream().map(ClusterId::new).toList(),
                    backupDatasource == null ? null : new DatasourceId(backupDatasource),
                    roleToAct == null ? Role.DEVELOPER : roleToAct,
                    concurrency == null ? Concurrency.QUEUE : concurrency,
                    freezes == null ? List.of() : freezes.stream().map(FreezeRequest::toFreeze).toList(),
                    schedules == null ? List.of() : schedules, Boolean.TRUE.equals(monitor));
        }
    }
}
