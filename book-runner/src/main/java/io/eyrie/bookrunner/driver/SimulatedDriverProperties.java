package io.eyrie.bookrunner.driver;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * @param stepTime how long each simulated step takes
 * @param failTag  an image with this tag (e.g. {@code nginx:fail}) never becomes ready, to try out failures
 * @param slowTag  an image with this tag (e.g. {@code nginx:slow}) keeps rolling out until the step times out, to
 *                 try out cancel and time-outs
 * @param apiServers API servers that are Kubernetes API doubles (the local run's): the real driver talks to them,
 *                   and their jobs say they are simulated
 * @param flakyTag an image with this tag (e.g. {@code nginx:flaky}) has its manifests refused twice as if the API
 *                 server were busy, to try out retries
 */
@ConfigurationProperties("eyrie.runner.simulated")
public record SimulatedDriverProperties(@DefaultValue("400ms") Duration stepTime,
                                        @DefaultValue("fail") String failTag,
                                        @DefaultValue("slow") String slowTag,
                                        @DefaultValue("flaky") String flakyTag,
                                        List<String> apiServers) {

    public SimulatedDriverProperties {
        apiServers = apiServers == null ? List.of() : List.copyOf(apiServers);
        if (stepTime.isNegative()) {
            throw new IllegalArgumentException("eyrie.runner.simulated.step-time must not be negative: " + stepTime);
        }
    }
}
