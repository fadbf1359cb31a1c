package io.eyrie.commandside.book;

import io.eyrie.commandside.deployment.ImagePushRedeploys;
import io.eyrie.commandside.grouprun.GroupRuns;
import io.eyrie.commandside.monitor.MonitorWatch;
import io.eyrie.commandside.deployment.ScopeTimers;
import io.eyrie.platform.deadletter.DeadLetterProcessors;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

/**
 * Deadlines (a job's expiry) live in PostgreSQL through db-scheduler, so they survive a restart. Axon's
 * auto-configuration supplies the deadline task and manager once a {@link Scheduler} exists.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BookJobSettings.class)
public class DeadlineConfiguration {

    /** An outcome or a statistic that cannot be handled is dead-lettered; the other jobs' outcomes go on. */
    @Bean
    public DeadLetterProcessors deadLetterProcessors() {
        return new DeadLetterProcessors(java.util.List.of(JobOutcomes.GROUP, StepStatistics.GROUP,
                ImagePushRedeploys.GROUP, GroupRuns.GROUP, MonitorWatch.GROUP));
    }


    /** Transaction-aware, so a deadline is scheduled or cancelled in the same transaction as the job's events. */
    @Bean
    public Scheduler deadlineScheduler(DataSource dataSource, List<Task<?>> tasks) {
        List<RecurringTask<?>> recurring = tasks.stream().filter(task -> task instanceof RecurringTask<?>)
                .<RecurringTask<?>>map(task -> (RecurringTask<?>) task).toList();
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource),
                        tasks.stream().filter(task -> !(task instanceof RecurringTask<?>)).toList())
                .startTasks(recurring)
                .threads(2)
                .pollingInterval(Duration.ofMillis(500))
                .build();
    }

    /**
     * Axon's deadline manager runs a deadline in a unit of work without correlation data providers, so a command
     * sent from a deadline handler would lose who asked for it. This interceptor copies it from the deadline message.
     */
    @Bean
    public SmartInitializingSingleton deadlineAuditPropagation(DeadlineManager deadlineManager,
                                                               List<CorrelationDataProvider> providers) {
        return () -> deadlineManager.registerHandlerInterceptor(new CorrelationDataInterceptor<>(providers));
    }

    /**
     * Axon's default logs a handler failure and moves on. For job outcomes that would leave a deployment waiting
     * forever; for cancellation, a cancel that did not cancel. Propagating retries the first and refuses the second.
     */
    @Bean
    public ConfigurerModule jobHandlersPropagateFailures() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(JobOutcomes.GROUP, configuration -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(StepStatistics.GROUP,
                        configuration -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(ImagePushRedeploys.GROUP,
                        configuration -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(GroupRuns.GROUP,
                        configuration -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(MonitorWatch.GROUP,
                        configuration -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(ScopeTimers.GROUP,
                        configuration -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(JobCancellation.GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }

    @Bean
    public SmartLifecycle deadlineSchedulerLifecycle(Scheduler scheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                scheduler.start();
                running = true;
            }

            @Override
            public void stop() {
                scheduler.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
