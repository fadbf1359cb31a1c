package io.eyrie.queryside;

import io.eyrie.platform.deadletter.DeadLetterProcessors;
import io.eyrie.platform.eventstore.PromptEventSource;
import io.eyrie.queryside.rebuild.ReadModel;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.TimeUnit;

/**
 * The event processors that feed the dashboard read models, one per key their documents share (see
 * {@link ReadModel}), each a tracking processor reading through the platform's {@link PromptEventSource}, which bounds a missed wake-up of the
 * event store to 25 ms. Tracking, not pooled: with Axon's embedded event store the pooled coordinator re-polls every
 * 500 ms when idle, which puts a ~250 ms average floor under read-model lag.
 * <p>
 * A processor ordered by key has {@code eyrie.read-models.segments} segments, and as many threads on each instance, so that one instance alone processes them all and several split them ({@link SegmentBalancer}).
 * <p>
 * A processor stores its position only when a batch ends, and a batch of events it has no handler for ends when
 * no more come within {@code eyrie.read-models.event-wait}. Most events concern few read models, so that wait
 * bounds how long a read with {@code ?minPosition=} waits on a read model the command did not touch; the price is
 * that an idle segment renews its claim in the token store as often.
 * <p>
 * When a projection fails, for instance because MongoDB is unreachable, the processor stops that segment and
 * retries it later. Axon's default would log the error and skip the event, leaving the read model silently wrong.
 * Retrying is safe because the projections are idempotent. An event a projection refuses outright is
 * dead-lettered instead (see the platform's {@code PoisonPolicy}), so one bad event never stops the dashboards.
 */
@Configuration(proxyBeanMethods = false)
public class DashboardProcessing {

    /**
     * A projection that cannot handle an event dead-letters it, and the read models go on. Not the rebuild's: a
     * generation that went live without an event would hide the loss, so a rebuild stops on it and retries, showing
     * the error in its progress, until it is mended or cancelled.
     */
    @Bean
    public DeadLetterProcessors deadLetterProcessors() {
        return new DeadLetterProcessors(ReadModel.processors());
    }

    /** How many segments a processor has when it first starts. */
    public static int segments(String processor, int split) {
        return ReadModel.keyed(processor) ? split : 1;
    }

    @Bean
    public ConfigurerModule dashboardProcessors(ObjectProvider<PromptEventSource> source,
                                                @Value("${eyrie.read-models.segments:1}") int split,
                                                @Value("${eyrie.read-models.batch-size:100}") int batchSize,
                                                @Value("${eyrie.read-models.claim-interval:2s}")
                                                java.time.Duration claimInterval,
                                                @Value("${eyrie.read-models.event-wait:200ms}")
                                                java.time.Duration eventWait,
                                                // Pooled only to measure it against tracking (bin/run-bench).
                                                @Value("${eyrie.read-models.processor:tracking}") String kind) {
        return configurer -> {
            var processing = configurer.eventProcessing();
            for (String processor : ReadModel.processors()) {
                int segments = segments(processor, split);
                // A thread for up to four segments even when fewer are configured: a processor once split further
                // still finds one for each of its stored segments after the setting is lowered.
                int threads = ReadModel.keyed(processor) ? Math.max(segments, 4) : 1;
                var sequencing = ReadModel.fedBy(processor).getFirst().sequencing();
                if (kind.equals("pooled")) {
                    processing.registerPooledStreamingEventProcessor(processor, config -> source.getObject(),
                            (config, builder) -> builder.initialSegmentCount(segments).batchSize(batchSize));
                } else {
                    processing.registerTrackingEventProcessor(processor, config -> source.getObject(),
                            // Up to batch-size events share one read-model pass and one token update; a quiet
                            // stream still goes one at a time.
                            config -> TrackingEventProcessorConfiguration.forParallelProcessing(threads)
                                    .andInitialSegmentsCount(segments).andBatchSize(batchSize)
                                    .andTokenClaimInterval(claimInterval.toMillis(), TimeUnit.MILLISECONDS)
                                    .andEventAvailabilityTimeout(eventWait.toMillis(), TimeUnit.MILLISECONDS));
                }
                processing.registerSequencingPolicy(processor, config -> sequencing)
                        .registerListenerInvocationErrorHandler(processor,
                                config -> PropagatingErrorHandler.instance());
            }
        };
    }
}
