package io.eyrie.bookrunner.monitor;

import io.eyrie.bookrunner.driver.ClusterDrivers;
import io.eyrie.bookrunner.run.RunConfiguration;
import io.eyrie.bookrunner.run.RunnerProperties;
import io.eyrie.monitor.Monitor;
import io.eyrie.platform.health.MongoHealth;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The runners' side of monitors: the schedule kept from the events, the checks, and the log of their results. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MonitorCheckProperties.class)
@Import(MongoHealth.class)
public class MonitorConfiguration {
    /** The processor that keeps the schedule. */
    public static final String SCHEDULE_GROUP = MonitorSchedule.PROCESSING_GROUP;
    private static final int MAX_REDIRECTS = 5;

    /** A runner reports to the same monitors all day. */
    @Bean(name = Monitor.CACHE)
    public Cache monitorCache() {
        return new WeakReferenceCache();
    }

    /** Joins the processor's transaction when there is one, so the schedule moves with its token. */
    @Bean
    public JdbcClient monitorJdbc(DataSource dataSource, RunConfiguration.RunQueueSchema schema) {
        return JdbcClient.create(dataSource);
    }

    /** Resolves names and reads bodies; the requests themselves are asynchronous and hold no thread. */
    @Bean(destroyMethod = "shutdownNow")
    public ExecutorService monitorProbeExecutor() {
        return Executors.newFixedThreadPool(4, Thread.ofPlatform().name("monitor-probe-", 0).daemon().factory());
    }

    @Bean
    MonitorChecks monitorChecks(JdbcClient monitorJdbc, DataSource dataSource, CommandGateway commands,
                                ExecutorService monitorProbeExecutor, MongoTemplate mongo,
                                MonitorCheckProperties properties, RunnerProperties runner, ClusterDrivers drivers) {
        MongoCheckLog checkLog = new MongoCheckLog(mongo);
        return new MonitorChecks(monitorJdbc, new JdbcTemplate(dataSource), commands,
                new HttpProbe(monitorProbeExecutor, MAX_REDIRECTS),
                new DriverResourceProbe(monitorProbeExecutor, drivers, new SimulatedUsage(Clock.systemUTC())),
                checkLog, properties, runner);
    }

    /** As for the job queue: a schedule write that fails is retried, never skipped. */
    @Bean
    public ConfigurerModule monitorScheduleErrorHandling() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(SCHEDULE_GROUP,
                        configuration -> PropagatingErrorHandler.instance()));
    }
}
