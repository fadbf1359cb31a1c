package io.eyrie.queryside.deployment;

import io.eyrie.api.deployment.DeploymentCard;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.FindDeploymentCard;
import io.eyrie.api.deployment.FindRelease;
import io.eyrie.api.deployment.ListDeploymentReleases;
import io.eyrie.api.deployment.ListDeploymentVersions;
import io.eyrie.api.deployment.ReleaseView;
import io.eyrie.api.deployment.VersionView;
import io.eyrie.api.query.Page;
import io.eyrie.platform.web.NotFoundException;
import io.eyrie.queryside.web.Cursors;
import io.eyrie.queryside.web.ReactiveQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
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

    /** Every release, newest first: what each deploy applied, who asked, how its job ended, and which one runs. */
    @GetMapping("/api/deployments/{id}/releases")
    public Mono<Page<ReleaseView>> releases(@PathVariable String id, @RequestParam(required = false) String cursor,
                                            @RequestParam(required = false) Integer limit) {
        return queries.page(new ListDeploymentReleases(new DeploymentId(id), Cursors.request(cursor, limit)),
                ReleaseView.class);
    }

    @GetMapping("/api/deployments/{id}/releases/{version}")
    public Mono<ReleaseView> release(@PathVariable String id, @PathVariable int version) {
        return queries.optional(new FindRelease(new DeploymentId(id), version), ReleaseView.class)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("release", id + "/" + version)));
    }

    /** Every version, newest first: which key fields changed, who changed them and when, before and after. */
    @GetMapping("/api/deployments/{id}/versions")
    public Mono<Page<VersionView>> versions(@PathVariable String id, @RequestParam(required = false) String cursor,
                                            @RequestParam(required = false) Integer limit) {
        return queries.page(new ListDeploymentVersions(new DeploymentId(id), Cursors.request(cursor, limit)),
                VersionView.class);
    }
}
