package io.eyrie.bookrunner.driver;

import io.eyrie.api.book.JobTarget;
import io.eyrie.api.book.StepKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pretends to run each step: it takes {@code step-time} and succeeds, except that an image tagged with the fail
 * tag never becomes ready and one tagged with the slow tag rolls out until its step times out. It calls no Kubernetes API; every detail it reports says so.
 */
@Component
public class SimulatedClusterDriver implements ClusterDriver {
    private static final Logger log = LoggerFactory.getLogger(SimulatedClusterDriver.class);
    private static final String LABEL = "[simulated] ";

    private final SimulatedDriverProperties properties;
    /** How often each flaky step was refused; in memory, as a simulation may be. */
    private final Map<String, Integer> refusals = new ConcurrentHashMap<>();

    public SimulatedClusterDriver(SimulatedDriverProperties properties) {
        this.properties = properties;
    }

    @Override
    public String name() {
        return "simulated";
    }

    /** Only {@code simulated://} clusters: a real API server is never pretended to. */
    @Override
    public boolean serves(JobTarget.Cluster cluster) {
        return cluster.simulated();
    }

    /** Waits without a thread: the runner asks again until {@code step-time} has passed since the step started. */
    @Override
    public StepOutcome execute(StepRequest request, JobTarget.Cluster cluster) {
        Duration left = Duration.between(Instant.now(), request.startedAt().plus(properties.stepTime()));
        if (left.isPositive()) {
            return StepOutcome.waiting(left, LABEL + request.step().name() + ": " + left.toMillis() + " ms to go");
        }
        StepKind kind = request.step().kind();
        if (kind == StepKind.APPLY_MANIFEST && properties.flakyTag().equals(tagOf(request.image()))
                && refusals.merge(request.deploymentId() + "/" + request.step().name(), 1, Integer::sum) <= 2) {
            return StepOutcome.retryable(LABEL + "429 Too Many Requests");
        }
        // Waiting for zero replicas (a pause) is waiting for pods to stop, which even a broken image does.
        boolean rollout = kind == StepKind.WAIT_FOR_ROLLOUT && !"0".equals(request.step().with().get("replicas"));
        if (rollout && properties.slowTag().equals(tagOf(request.image()))) {
            return StepOutcome.waiting(Duration.ofSeconds(1), LABEL + "image " + request.image() + " is still rolling out");
        }
        if (rollout && properties.failTag().equals(tagOf(request.image()))) {
            return StepOutcome.failed(LABEL + "image " + request.image() + " failed to become ready");
        }
        return StepOutcome.succeeded(LABEL + request.step().name() + " for deployment " + request.deploymentId()
                + (rollout ? ": image " + request.image() + " is ready" : ""));
    }

    /** The tag of {@code registry:5000/nginx:1.27}, ignoring a registry port and a digest; null if there is none. */
    static String tagOf(String image) {
        if (image == null) {
            return null;
        }
        String reference = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = reference.lastIndexOf(':');
        return colon > reference.lastIndexOf('/') ? reference.substring(colon + 1) : null;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnThatNothingIsReal() {
        log.info("Clusters at simulated:// addresses are SIMULATED: no Kubernetes API is called for them. Each Book "
                + "step only waits {} and reports success; an image tagged \"{}\" fails its rollout, one tagged \"{}\" "
                + "never finishes it.", properties.stepTime(), properties.failTag(), properties.slowTag());
    }
}
