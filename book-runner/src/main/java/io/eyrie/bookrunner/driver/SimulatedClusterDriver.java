package io.eyrie.bookrunner.driver;

import io.eyrie.bookrunner.book.BookStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Pretends to run each step: it waits {@code step-time} and succeeds, except that an image tagged with the fail
 * tag never becomes ready. It calls no Kubernetes API; every detail it reports says so.
 */
@Component
public class SimulatedClusterDriver implements ClusterDriver {
    private static final Logger log = LoggerFactory.getLogger(SimulatedClusterDriver.class);
    private static final String LABEL = "[simulated] ";

    private final SimulatedDriverProperties properties;

    public SimulatedClusterDriver(SimulatedDriverProperties properties) {
        this.properties = properties;
    }

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public StepOutcome execute(StepRequest request) throws InterruptedException {
        if (properties.stepTime().isPositive()) {
            Thread.sleep(properties.stepTime());
        }
        if (request.step() == BookStep.WAIT_FOR_ROLLOUT && properties.failTag().equals(tagOf(request.image()))) {
            return StepOutcome.failed(LABEL + "image " + request.image() + " failed to become ready");
        }
        return StepOutcome.succeeded(LABEL + request.step().label() + " for deployment " + request.deploymentId()
                + (request.step() == BookStep.WAIT_FOR_ROLLOUT ? ": image " + request.image() + " is ready" : ""));
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
        log.warn("The cluster is SIMULATED: no Kubernetes API is called. Each Book step only waits {} and reports "
                + "success; an image tagged \"{}\" fails its rollout.", properties.stepTime(), properties.failTag());
    }
}
