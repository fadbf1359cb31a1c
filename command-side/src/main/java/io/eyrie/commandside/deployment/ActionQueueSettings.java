package io.eyrie.commandside.deployment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** How many actions may wait behind a deployment's running job; past it a request is answered 429. */
@Validated
@ConfigurationProperties("eyrie.deployments.queue")
public record ActionQueueSettings(@Min(1) @Max(1000) Integer limit) {
    public ActionQueueSettings {
        limit = limit == null ? 20 : limit;
    }
}
