package io.eyrie.bookrunner.run;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import io.eyrie.job.Job;
import io.eyrie.platform.deadletter.DeadLetterProcessors;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.sql.DataSource;

/**
 * The runners' work queue: db-scheduler on its own table in the shared PostgreSQL, with its own migration history.
 * Heartbeats every fifth of the lease; an entry whose heartbeat is older than the lease is revived by any runner.
 */
@Configuration(proxyBeanMethods = false)
public class RunConfiguration {

    /** The jobs this runner works on, so that each step's report does not read the job's events again. */
    @Bean(name = Job.CACHE)
    public Cache jobCache() {
        return new WeakReferenceCache();
    }

    /** A job (or a monitor) that cannot be queued is dead-lettered, and the queue goes on with the others. */
    @Bean
    public DeadLetterProcessors deadLetterProcessors() {
        return new DeadLetterProcessors(java.util.List.of(JobQueue.PROCESSING_GROUP,
                io.eyrie.bookrunner.monitor.MonitorConfiguration.SCHEDULE_GROUP));
    }

    static final String TABLE = "book_runs";
    private static final int MISSED_HEARTBEATS = 5;
    private static final Logger log = LoggerFactory.getLogger(RunConfiguration.class);

    /** A marker that the queue's table exists before the scheduler polls it. */
    public record RunQueueSchema() {
    }

    @Bean
    public RunQueueSchema runQueueSchema(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:io/eyrie/bookrunner/run/migration")
                .table("eyrie_runner_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        return new RunQueueSchema();
    }

    /** Transaction-aware, so a job is queued in the same transaction as the event processor's token. */
    @Bean
    public Scheduler runQueue(DataSource dataSource, RunQueueSchema schema, JobExecution execution,
                              RunnerProperties properties) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), execution.task())
                .tableName(TABLE)
                .schedulerName(new SchedulerName.Fixed(properties.name()))
                .threads(properties.workers())
                .pollingInterval(properties.pollInterval())
                .pollUsingLockAndFetch(0.5, 1.0)
                .heartbeatInterval(properties.lease().dividedBy(MISSED_HEARTBEATS))
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                .shutdownMaxWait(properties.shutdownGrace())
                .enableImmediateExecution()
                .build();
    }

    /**
     * Stops taking work, lets the workers finish the step they are on within the grace period, then hands every
     * entry this runner still holds back to the queue, so another runner goes on at once instead of after the lease.
     */
    @Bean
    public SmartLifecycle runQueueLifecycle(Scheduler runQueue, DataSource dataSource, RunnerProperties properties) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                runQueue.start();
                running = true;
            }

            @Override
            public void stop() {
                runQueue.stop();
                running = false;
                int handedBack = JdbcClient.create(dataSource)
                        .sql("UPDATE " + TABLE + " SET picked = FALSE, picked_by = NULL, last_heartbeat = NULL, "
                                + "version = version + 1 WHERE picked AND picked_by = :runner")
                        .param("runner", properties.name()).update();
                if (handedBack > 0) {
                    log.info("Handed {} job(s) back to the queue on stopping", handedBack);
                }
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            /** Stops before the event processors and the database, which the workers still need. */
            @Override
            public int getPhase() {
                return Integer.MAX_VALUE - 100;
            }
        };
    }

    /**
     * Axon's default logs a handler failure and moves on, which would silently drop a job. Propagating rolls the
     * batch back and the processor retries it, so a job is queued once the database is reachable again.
     */
    @Bean
    public ConfigurerModule bookRunnerErrorHandling() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(JobQueue.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance()));
    }
}
