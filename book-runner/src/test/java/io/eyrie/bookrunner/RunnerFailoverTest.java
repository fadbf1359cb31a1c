package io.eyrie.bookrunner;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.JobResumed;
import io.eyrie.api.book.JobStarted;
import io.eyrie.api.book.JobStep;
import io.eyrie.api.book.JobTarget;
import io.eyrie.api.book.JobStepStarted;
import io.eyrie.api.book.JobStepSucceeded;
import io.eyrie.api.book.JobSucceeded;
import io.eyrie.api.book.StepKind;
import io.eyrie.bookrunner.driver.ClusterDriver;
import io.eyrie.bookrunner.driver.StepOutcome;
import io.eyrie.bookrunner.driver.StepRequest;
import io.eyrie.platform.local.EmbeddedPostgres;
import io.eyrie.platform.security.DevKeys;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two runners on one event store and one work queue, as two processes would be: they split the jobs, never run one
 * twice, and one takes over what the other leaves behind, whether it stops or dies.
 */
class RunnerFailoverTest {
    private static final EmbeddedPostgres POSTGRES = EmbeddedPostgres.ephemeral();
    private static final DevKeys KEYS = DevKeys.temporary();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final JobStep ROLLOUT = new JobStep("wait for rollout", StepKind.WAIT_FOR_ROLLOUT, Map.of(), 5, 600);
    private static final JobStep SCALE = new JobStep("scale to zero", StepKind.SCALE, Map.of(), 5, 600);

    private final List<ConfigurableApplicationContext> runners = new ArrayList<>();

    @AfterEach
    void stopRunners() {
        runners.forEach(ConfigurableApplicationContext::close);
        runners.clear();
    }

    @AfterAll
    static void stopDatabase() {
        POSTGRES.close();
    }

    @Test
    void twoRunnersShare200JobsAndRunEachExactlyOnce() {
        ConfigurableApplicationContext a = start("runner-a", "20ms");
        start("runner-b", "20ms");
        List<JobId> jobs = IntStream.range(0, 200).mapToObj(i -> create(a, List.of(SCALE, ROLLOUT))).toList();

        await().atMost(TIMEOUT).until(() -> jobs.stream().allMatch(job -> ended(a, job)));

        Map<String, Integer> stepsByRunner = new HashMap<>();
        for (JobId job : jobs) {
            List<Object> events = payloads(a, job);
            assertThat(events).filteredOn(JobStarted.class::isInstance).hasSize(1);
            assertThat(events).filteredOn(JobResumed.class::isInstance).isEmpty();
            assertThat(events).filteredOn(JobStepSucceeded.class::isInstance).hasSize(2);
            assertThat(events).filteredOn(JobSucceeded.class::isInstance).hasSize(1);
            events.stream().filter(JobStepStarted.class::isInstance).map(JobStepStarted.class::cast)
                    .forEach(step -> stepsByRunner.merge(step.runner(), 1, Integer::sum));
        }
        assertThat(stepsByRunner).containsOnlyKeys("runner-a", "runner-b");
    }

    @Test
    void aRunnerThatStopsMidJobHandsItBackAndAnotherFinishesIt() {
        ConfigurableApplicationContext a = start("runner-a", "3s");
        JobId job = create(a, List.of(ROLLOUT));
        await().atMost(TIMEOUT).until(() -> payloads(a, job).stream().anyMatch(JobStepStarted.class::isInstance));
        ConfigurableApplicationContext b = start("runner-b", "3s");

        a.close();

        await().atMost(TIMEOUT).until(() -> ended(b, job));
        assertThat(payloads(b, job)).filteredOn(JobStepSucceeded.class::isInstance).hasSize(1)
                .first().extracting(step -> ((JobStepSucceeded) step).detail()).asString().contains("is ready");
    }

    @Test
    void aRunnerThatDiesMidStepLosesTheJobWhenItsLeaseLapsesAndCannotReportLater() {
        CountDownLatch release = new CountDownLatch(1);
        Hanging.release = release;
        ConfigurableApplicationContext a = start("runner-a", "0ms", Hanging.class);
        JobId job = create(a, List.of(SCALE));
        await().atMost(TIMEOUT).until(() -> Hanging.entered);
        // Its heartbeats stop, as if the process had died; its worker hangs on in the step.
        a.getBean(Scheduler.class).stop();
        ConfigurableApplicationContext b = start("runner-b", "0ms");

        await().atMost(TIMEOUT).until(() -> ended(b, job));
        release.countDown();

        List<Object> events = payloads(b, job);
        assertThat(events).contains(new JobResumed(job, "runner-b", "runner-a", 0, 1));
        assertThat(events).filteredOn(JobStepSucceeded.class::isInstance).hasSize(1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> payloads(b, job).size() == events.size());
    }

    /** Hangs in its first step until released, ignoring interrupts, like a runner stuck in a call that never returns. */
    @Configuration(proxyBeanMethods = false)
    static class Hanging {
        static volatile CountDownLatch release;
        static volatile boolean entered;

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        ClusterDriver hangingDriver() {
            return new ClusterDriver() {
                @Override
                public String name() {
                    return "hanging";
                }

                @Override
                public boolean serves(JobTarget.Cluster cluster) {
                    return true;
                }

                @Override
                public StepOutcome execute(StepRequest request, JobTarget.Cluster cluster) {
                    entered = true;
                    boolean released = false;
                    while (!released) {
                        try {
                            released = release.await(100, TimeUnit.MILLISECONDS);
                        } catch (InterruptedException ignored) {
                            // A dead process does not answer interrupts either.
                        }
                    }
                    return StepOutcome.succeeded("too late");
                }
            };
        }
    }

    private ConfigurableApplicationContext start(String name, String stepTime, Class<?>... extra) {
        Map<String, Object> properties = new HashMap<>(POSTGRES.eventStoreProperties());
        properties.putAll(KEYS.serviceProperties());
        properties.put("server.port", "0");
        properties.put("eyrie.runner.name", name);
        properties.put("eyrie.runner.lease", "2s");
        properties.put("eyrie.runner.poll-interval", "50ms");
        properties.put("eyrie.runner.shutdown-grace", "2s");
        properties.put("eyrie.runner.simulated.step-time", stepTime);
        properties.put("eyrie.runner.monitors.enabled", "false");
        List<Class<?>> sources = new ArrayList<>(List.of(BookRunnerApplication.class));
        sources.addAll(List.of(extra));
        // As arguments: they outrank the service's own property file, as they would on a command line.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
                .run(properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                        .toArray(String[]::new));
        runners.add(context);
        return context;
    }

    private static JobId create(ConfigurableApplicationContext runner, List<JobStep> steps) {
        JobId jobId = JobId.random();
        runner.getBean(EventStore.class).publish(new GenericDomainEventMessage<>("Job", jobId.toString(), 0,
                BookRunnerApplicationTest.created(jobId, steps, "nginx:1.27"),
                MetaData.with(AuditMetaData.INITIATOR, "alice")));
        return jobId;
    }

    private static boolean ended(ConfigurableApplicationContext runner, JobId job) {
        return payloads(runner, job).stream().anyMatch(JobSucceeded.class::isInstance);
    }

    private static List<Object> payloads(ConfigurableApplicationContext runner, JobId job) {
        return runner.getBean(EventStore.class).readEvents(job.toString()).asStream()
                .<Object>map(DomainEventMessage::getPayload).toList();
    }
}
