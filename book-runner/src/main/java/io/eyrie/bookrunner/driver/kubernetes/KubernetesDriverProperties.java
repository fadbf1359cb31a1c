package io.eyrie.bookrunner.driver.kubernetes;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param ingressDomain    Odoo's Ingress answers at {@code <deployment>.<namespace>.<ingressDomain>}
 * @param pollInterval     how often a step that waits on the cluster looks again
 * @param requestTimeout   how long one call to an API server may take before it counts as not answered
 * @param secretsDirectory where {@code secret://path#key} references are read from, as the file
 *                         {@code <directory>/path/key}; unset, a step that needs a secret fails and says so
 */
@ConfigurationProperties("eyrie.runner.kubernetes")
public record KubernetesDriverProperties(@DefaultValue("eyrie.local") String ingressDomain,
                                         @DefaultValue("2s") Duration pollInterval,
                                         @DefaultValue("10s") Duration requestTimeout,
                                         Path secretsDirectory) {
}
