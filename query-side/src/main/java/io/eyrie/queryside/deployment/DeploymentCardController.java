package io.eyrie.queryside.deployment;

import io.eyrie.api.deployment.DeploymentCard;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.FindDeploymentCard;
import io.eyrie.platform.web.NotFoundException;
import io.eyrie.queryside.web.ReactiveQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
public class DeploymentCardController {
    private final ReactiveQueries queries;

    public DeploymentCardController(ReactiveQueries queries) {
        this.queries = queries;
    }

    /** The dashboard card of one deployment: its lifecycle, how its latest action is doing, and who did what when. */
    @GetMapping("/api/deployments/{id}")
    public Mono<DeploymentCard> card(@PathVariable String id) {
        return queries.optional(new FindDeploymentCard(new DeploymentId(id)), DeploymentCard.class)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("deployment", id)));
    }
}
