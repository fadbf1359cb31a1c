package io.eyrie.queryside.group;

import io.eyrie.api.deployment.DeploymentCard;
import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.deployment.ListGroupDeployments;
import io.eyrie.api.id.Ids;
import io.eyrie.api.project.FindGroup;
import io.eyrie.api.project.GroupView;
import io.eyrie.api.project.ListGroups;
import io.eyrie.api.project.ProjectId;
import io.eyrie.api.query.Page;
import io.eyrie.platform.web.NotFoundException;
import io.eyrie.queryside.web.Cursors;
import io.eyrie.queryside.web.InvalidParameterException;
import io.eyrie.queryside.web.ReactiveQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
public class GroupController {
    private final ReactiveQueries queries;

    public GroupController(ReactiveQueries queries) {
        this.queries = queries;
    }

    /** The project's groups by name, each with its scopes, clusters and aggregated status. */
    @GetMapping("/api/projects/{slug}/groups")
    public Mono<Page<GroupView>> groups(@PathVariable String slug, @RequestParam(required = false) String cursor,
                                        @RequestParam(required = false) Integer limit) {
        return queries.page(new ListGroups(new ProjectId(slug), Cursors.request(cursor, limit)), GroupView.class);
    }

    @GetMapping("/api/projects/{slug}/groups/{group}")
    public Mono<GroupView> group(@PathVariable String slug, @PathVariable String group) {
        return queries.optional(new FindGroup(new ProjectId(slug), group), GroupView.class)
                .switchIfEmpty(Mono.error(() -> new NotFoundException(
                        "No group '" + group + "' in project '" + slug + "'")));
    }

    /** The group's cards by name, optionally only those in one lifecycle phase, status or scope. */
    @GetMapping("/api/projects/{slug}/groups/{group}/deployments")
    public Mono<Page<DeploymentCard>> deployments(@PathVariable String slug, @PathVariable String group,
                                                  @RequestParam(required = false) String lifecycle,
                                                  @RequestParam(required = false) String status,
                                                  @RequestParam(required = false) String scope,
                                                  @RequestParam(required = false) String cursor,
                                                  @RequestParam(required = false) Integer limit) {
        Lifecycle phase = InvalidParameterException.parse("lifecycle", lifecycle, Lifecycle::fromWire);
        DeploymentStatus state = InvalidParameterException.parse("status", status, DeploymentStatus::fromWire);
        String scopeName = InvalidParameterException.parse("scope", scope, value -> Ids.requireSlug("scope", value));
        return queries.page(new ListGroupDeployments(new ProjectId(slug), group, phase, state, scopeName,
                Cursors.request(cursor, limit)), DeploymentCard.class);
    }
}
