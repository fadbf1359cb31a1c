package io.eyrie.monitor;

import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.monitor.ChangeMonitor;
import io.eyrie.api.monitor.MonitorChanged;
import io.eyrie.api.monitor.MonitorChecksStarted;
import io.eyrie.api.monitor.MonitorChecksStopped;
import io.eyrie.api.monitor.MonitorCreated;
import io.eyrie.api.monitor.MonitorId;
import io.eyrie.api.monitor.MonitorRemoved;
import io.eyrie.api.monitor.MonitorReport;
import io.eyrie.api.monitor.MonitorRules;
import io.eyrie.api.monitor.MonitorSpec;
import io.eyrie.api.monitor.MonitorState;
import io.eyrie.api.monitor.MonitorStateChanged;
import io.eyrie.api.monitor.RemoveMonitor;
import io.eyrie.api.monitor.ReportMonitorState;
import io.eyrie.api.monitor.WatchMonitor;
import io.eyrie.platform.web.NotFoundException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A health check of one deployment: its spec, whether it is checked now, and the state the last checks found.
 * The deployment creates it; its coordinator starts and stops its checks as the deployment starts and stops running
 * a release; runners report what their checks find. Only a change of state is recorded, so the event store grows with
 * state changes, not with checks. Each start or change begins a new generation: a runner's report from an earlier
 * one is stale and changes nothing, so a check that was in flight when the deployment paused cannot undo the pause's
 * {@code unknown}.
 */
@Aggregate(filterEventsByType = true, cache = Monitor.CACHE)
public class Monitor {
    /** The bean name of the cache each service gives this aggregate: a runner reports to the same monitors all day. */
    public static final String CACHE = "monitorCache";

    @AggregateIdentifier
    private MonitorId id;
    private DeploymentId deployment;
    private MonitorSpec spec;
    private MonitorState state;
    private boolean checking;
    private int generation;
    private boolean removed;

    protected Monitor() {
    }

    /** Made by its deployment, in the command that created it. */
    public Monitor(MonitorCreated created) {
        List<MonitorRules.Problem> problems = MonitorRules.problems(created.spec());
        if (!problems.isEmpty()) {
            throw new MonitorSpecException(problems);
        }
        apply(created);
    }

    @CommandHandler
    public void handle(ChangeMonitor command) {
        requireLive();
        if (command.change().type() != null && command.change().type() != spec.type()) {
            throw new MonitorSpecException(List.of(new MonitorRules.Problem("type",
                    "cannot change from " + spec.type().wire() + "; remove this monitor and create another")));
        }
        MonitorSpec changed = spec.with(command.change());
        List<MonitorRules.Problem> problems = MonitorRules.problems(changed);
        if (!problems.isEmpty()) {
            throw new MonitorSpecException(problems);
        }
        if (!changed.equals(spec)) {
            apply(new MonitorChanged(id, deployment, changed, generation + 1));
        }
    }

    @CommandHandler
    public void handle(RemoveMonitor command) {
        requireLive();
        apply(new MonitorRemoved(id, deployment, spec.name()));
    }

    /** Sent for every monitor of a deployment whose release starts or stops running, so a removed one ignores it. */
    @CommandHandler
    public void handle(WatchMonitor command) {
        if (removed || command.checking() == checking) {
            return;
        }
        if (command.checking()) {
            apply(new MonitorChecksStarted(id, deployment, command.reason(), generation + 1));
        } else {
            apply(new MonitorChecksStopped(id, deployment, state, command.reason()));
        }
    }

    @CommandHandler
    public MonitorReport handle(ReportMonitorState command) {
        if (removed || !checking || command.generation() != generation) {
            return MonitorReport.STALE;
        }
        if (command.state() == state) {
            return MonitorReport.UNCHANGED;
        }
        apply(new MonitorStateChanged(id, deployment, state, command.state(), command.reason(), command.runner(),
                command.checkedAt()));
        return MonitorReport.RECORDED;
    }

    private void requireLive() {
        if (removed) {
            throw new NotFoundException("monitor", id.value());
        }
    }

    @EventSourcingHandler
    void on(MonitorCreated event) {
        id = event.monitorId();
        deployment = event.deploymentId();
        spec = event.spec();
        state = MonitorState.UNKNOWN;
        checking = event.checking();
    }

    @EventSourcingHandler
    void on(MonitorChanged event) {
        spec = event.spec();
        generation = event.generation();
    }

    @EventSourcingHandler
    void on(MonitorChecksStarted event) {
        checking = true;
        generation = event.generation();
    }

    @EventSourcingHandler
    void on(MonitorChecksStopped event) {
        checking = false;
        state = MonitorState.UNKNOWN;
    }

    @EventSourcingHandler
    void on(MonitorStateChanged event) {
        state = event.to();
    }

    @EventSourcingHandler
    void on(MonitorRemoved event) {
        removed = true;
    }
}
