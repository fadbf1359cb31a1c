package io.eyrie.api.project;

import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.datasource.DatasourceId;

import java.util.List;

/**
 * An environment tier of a group, such as production or dev, and the policy of its deployments.
 *
 * @param clusters         overrides the group's clusters for deployments in this scope; empty: the group's
 * @param backupDatasource where backups go, or null
 * @param roleToAct        the least role that may run actions on its deployments
 * @param freezes          when deploy-family actions wait (or are refused)
 * @param schedules        when its deployments start and stop by themselves
 * @param monitor          whether a deployment gets a default HTTP monitor of its service when a release of it
 *                         first runs
 */
public record Scope(String name, boolean allowDrop, Long pauseAfterSeconds, Long dropAfterSeconds,
                    Long monitorLogDeleteAfterSeconds, List<ClusterId> clusters, DatasourceId backupDatasource,
                    Role roleToAct, Concurrency concurrency, List<Freeze> freezes, List<Schedule> schedules,
                    boolean monitor) {

    public Scope {
        freezes = freezes == null ? List.of() : List.copyOf(freezes);
        schedules = schedules == null ? List.of() : List.copyOf(schedules);
    }

    /** A scope that creates no monitors by itself. */
    public Scope(String name, boolean allowDrop, Long pauseAfterSeconds, Long dropAfterSeconds,
                 Long monitorLogDeleteAfterSeconds, List<ClusterId> clusters, DatasourceId backupDatasource,
                 Role roleToAct, Concurrency concurrency, List<Freeze> freezes, List<Schedule> schedules) {
        this(name, allowDrop, pauseAfterSeconds, dropAfterSeconds, monitorLogDeleteAfterSeconds, clusters,
                backupDatasource, roleToAct, concurrency, freezes, schedules, false);
    }

    /** The scope a group gets when it is created without any. */
    public static Scope dev() {
        return new Scope("dev", true, null, null, null, List.of(), null, Role.DEVELOPER, Concurrency.QUEUE, List.of(), List.of());
    }
}
