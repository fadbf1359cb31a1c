package io.eyrie.bookrunner.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.JobTarget;
import io.eyrie.api.monitor.MonitorId;
import io.eyrie.api.monitor.MonitorReport;
import io.eyrie.api.monitor.MonitorSpec;
import io.eyrie.api.monitor.MonitorState;
import io.eyrie.api.monitor.MonitorType;
import io.eyrie.api.monitor.ReportMonitorState;
import io.eyrie.bookrunner.run.RunnerProperties;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the monitors' checks, spread over the runners by the schedule table: each tick a runner claims the rows that
 * are due (skipping those another runner has locked) and moves their next check on in the same statement, so no
 * check runs twice. Checks are asynchronous (no thread per monitor); one timer thread claims, and writes what the
 * finished checks found, in batches. A runner that dies holds its monitors only until {@code claimed_until}; one
 * that stops hands back what it had not finished, due at once. Only a change of state is sent to the monitor; a
 * report that fails is logged and sent again after the next check, since the row keeps what was last accepted.
 */
class MonitorChecks implements SmartLifecycle {
    static final String INITIATOR = "system:monitor-checks";
    private static final Logger log = LoggerFactory.getLogger(MonitorChecks.class);
    /** Results kept for a log that cannot be written, beyond which the oldest are dropped, and the drop logged. */
    private static final int MAX_UNLOGGED = 100_000;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;
    private final CommandGateway commands;
    private final HttpProbe http;
    private final ResourceProbe resources;
    private final CheckLog checkLog;
    private final MonitorCheckProperties properties;
    private final String runner;
    private final ConcurrentLinkedQueue<Finished> finished = new ConcurrentLinkedQueue<>();
    private final List<LoggedCheck> unlogged = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong checks = new AtomicLong();
    private volatile ScheduledExecutorService timer;
    private volatile boolean running;
    private volatile Instant lastPrune = Instant.EPOCH;

    MonitorChecks(JdbcClient jdbc, JdbcTemplate jdbcTemplate, CommandGateway commands, HttpProbe http, ResourceProbe resources, CheckLog checkLog,
                  MonitorCheckProperties properties, RunnerProperties runner) {
        this.jdbc = jdbc;
        this.batches = new NamedParameterJdbcTemplate(jdbcTemplate);
        this.commands = commands;
        this.http = http;
        this.resources = resources;
        this.checkLog = checkLog;
        this.properties = properties;
        this.runner = runner.name();
    }

    /** A due check as claimed: its row, and what the checks before it found. */
    record Due(String monitorId, String deploymentId, String project, MonitorSpec spec, JobTarget target,
               int generation, MonitorState state, int failures, MonitorState reported, long retentionSeconds) {
    }

    /** A check that ended, waiting for the timer thread to store it. */
    private record Finished(Due due, Judgement judgement, CheckOutcome outcome, Instant at, String checkId,
                            MonitorState reported) {
    }

    /** How many checks this runner finished since it started. */
    long checksDone() {
        return checks.get();
    }

    @Override
    public void start() {
        running = true;
        if (!properties.enabled()) {
            return;
        }
        checkLog.prepare();
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("monitor-checks").daemon().factory());
        timer.scheduleWithFixedDelay(this::tick, 0, properties.tick().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round: store what finished, take what is due. An error is logged and the next tick tries again. */
    void tick() {
        try {
            store();
            if (running) {
                claim().forEach(this::check);
            }
            if (Instant.now().isAfter(lastPrune.plus(properties.pruneEvery()))) {
                lastPrune = Instant.now();
                long pruned = checkLog.prune();
                if (pruned > 0) {
                    log.debug("Pruned {} expired monitor log entries", pruned);
                }
            }
        } catch (RuntimeException e) {
            log.error("Monitor checks could not claim or store this round; trying again in {}", properties.tick(), e);
        }
    }

    List<Due> claim() {
        int room = properties.maxInFlight() - inFlight.get();
        if (room <= 0) {
            return List.of();
        }
        return jdbc.sql("""
                        UPDATE monitor_schedule m SET claimed_by = :runner,
                               claimed_until = now() + make_interval(secs => m.interval_seconds),
                               next_check_at = GREATEST(m.next_check_at + make_interval(secs => m.interval_seconds),
                                                        now() + make_interval(secs => m.interval_seconds / 2))
                        WHERE m.monitor_id IN (
                            SELECT monitor_id FROM monitor_schedule
                            WHERE checking AND next_check_at <= now() AND (claimed_by IS NULL OR claimed_until < now())
                            ORDER BY next_check_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        RETURNING m.monitor_id, m.deployment_id, m.project, m.spec, m.target, m.generation, m.state,
                                  m.failures, m.reported_state,
                                  (SELECT s.retention_seconds FROM monitor_scopes s
                                   WHERE s.group_id = m.group_id AND s.scope = m.scope) AS retention_seconds""")
                .param("runner", runner)
                .param("limit", Math.min(room, properties.batch()))
                .query((row, n) -> due(row)).list();
    }

    private Due due(ResultSet row) throws SQLException {
        try {
            Long retention = (Long) row.getObject("retention_seconds");
            return new Due(row.getString("monitor_id"), row.getString("deployment_id"), row.getString("project"),
                    MonitorSchedule.JSON.readValue(row.getString("spec"), MonitorSpec.class),
                    MonitorSchedule.JSON.readValue(row.getString("target"), JobTarget.class),
                    row.getInt("generation"), MonitorState.valueOf(row.getString("state")), row.getInt("failures"),
                    MonitorState.valueOf(row.getString("reported_state")),
                    retention != null ? retention : properties.defaultRetention().toSeconds());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("monitor " + row.getString("monitor_id") + " has a spec this runner cannot read", e);
        }
    }

    void check(Due due) {
        inFlight.incrementAndGet();
        String checkId = UUID.randomUUID().toString();
        Instant started = Instant.now();
        CompletableFuture<CheckOutcome> outcome;
        try {
            outcome = due.spec().type() == MonitorType.HTTP_REQUEST
                    ? http.check(due.spec())
                    : resources.check(due.spec(), due.target());
        } catch (RuntimeException e) {
            outcome = CompletableFuture.completedFuture(CheckOutcome.failed("check failed: " + e, 0));
        }
        outcome.exceptionally(e -> CheckOutcome.failed("check failed: " + e, 0))
                .thenCompose(found -> judged(due, found, checkId, started))
                .whenComplete((done, error) -> {
                    if (error != null) {
                        log.error("Monitor {}'s check ended in an error; it is checked again at its next interval",
                                due.monitorId(), error);
                    } else {
                        finished.add(done);
                    }
                    checks.incrementAndGet();
                    inFlight.decrementAndGet();
                });
    }

    /** {@code at}: when the check started, which is when it was made for the log and the state's event. */
    private CompletableFuture<Finished> judged(Due due, CheckOutcome outcome, String checkId, Instant at) {
        Judgement judgement = Judgement.of(due.spec(), due.state(), due.failures(), outcome);
        if (judgement.state() == due.reported()) {
            return CompletableFuture.completedFuture(new Finished(due, judgement, outcome, at, checkId, due.reported()));
        }
        Map<String, Object> audit = Map.of(AuditMetaData.INITIATOR, INITIATOR, AuditMetaData.CORRELATION_ID, checkId,
                AuditMetaData.CAUSATION_ID, checkId);
        ReportMonitorState report = new ReportMonitorState(new MonitorId(due.monitorId()), due.generation(),
                judgement.state(), judgement.reason(), runner, at);
        return commands.<MonitorReport>send(new GenericCommandMessage<>(report, MetaData.from(audit)))
                .handle((answer, error) -> {
                    if (error != null) {
                        log.error("Could not report monitor {} as {}; it is reported after its next check",
                                due.monitorId(), judgement.state().wire(), error);
                        return new Finished(due, judgement, outcome, at, checkId, due.reported());
                    }
                    // A stale report means the monitor moved on (changed, stopped, removed); its row follows.
                    return new Finished(due, judgement, outcome, at, checkId,
                            answer == MonitorReport.STALE ? due.reported() : judgement.state());
                });
    }

    /** Writes the finished checks to their rows (fenced by claim and generation) and to the log, in batches. */
    void store() {
        List<Finished> batch = new ArrayList<>();
        for (Finished done; (done = finished.poll()) != null; ) {
            batch.add(done);
        }
        if (!batch.isEmpty()) {
            batches.batchUpdate("""
                            UPDATE monitor_schedule SET state = :state, failures = :failures, reported_state = :reported,
                                   claimed_by = NULL, claimed_until = NULL
                            WHERE monitor_id = :id AND claimed_by = :runner AND generation = :generation AND checking""",
                    batch.stream().map(done -> new MapSqlParameterSource()
                            .addValue("state", done.judgement().state().name())
                            .addValue("failures", done.judgement().failures())
                            .addValue("reported", done.reported().name()).addValue("id", done.due().monitorId())
                            .addValue("runner", runner).addValue("generation", done.due().generation()))
                            .toArray(SqlParameterSource[]::new));
            for (Finished done : batch) {
                unlogged.add(new LoggedCheck(done.checkId(), done.due().monitorId(), done.due().deploymentId(),
                        done.due().project(), done.at(), done.judgement().state(), done.outcome().passed(),
                        done.outcome().status(), done.outcome().latencyMillis(), done.judgement().reason(), runner,
                        done.at().plusSeconds(done.due().retentionSeconds())));
            }
        }
        if (unlogged.size() > MAX_UNLOGGED) {
            int dropped = unlogged.size() - MAX_UNLOGGED;
            unlogged.subList(0, dropped).clear();
            log.error("The monitor log has not been writable for a while: dropped the {} oldest results kept for it",
                    dropped);
        }
        if (!unlogged.isEmpty()) {
            checkLog.write(List.copyOf(unlogged));
            unlogged.clear();
        }
    }

    /** Stops claiming, lets the checks under way end, stores them, and hands back the monitors still held. */
    @Override
    public void stop() {
        running = false;
        if (timer == null) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
            store();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Could not store the last checks on stopping; their monitors are checked again at once", e);
        }
        int handedBack = jdbc.sql("""
                        UPDATE monitor_schedule SET claimed_by = NULL, claimed_until = NULL, next_check_at = now()
                        WHERE claimed_by = :runner""")
                .param("runner", runner).update();
        if (handedBack > 0) {
            log.info("Handed {} monitor check(s) back on stopping", handedBack);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the command bus and the database, which the last reports and writes still need. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }
}
