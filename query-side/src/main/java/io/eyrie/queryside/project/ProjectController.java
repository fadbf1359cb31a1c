package io.eyrie.queryside.project;

import io.eyrie.api.project.FindProject;
import io.eyrie.api.project.FindProjectOverview;
import io.eyrie.api.project.ListProjects;
import io.eyrie.api.project.ProjectId;
import io.eyrie.api.project.ProjectOverview;
import io.eyrie.api.project.ProjectView;
import io.eyrie.api.query.Page;
import io.eyrie.platform.security.Caller;
import io.eyrie.platform.web.NotFoundException;
import io.eyrie.queryside.web.Cursors;
import io.eyrie.queryside.web.ReactiveQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
public class ProjectController {
    private final ReactiveQueries queries;

    public ProjectController(ReactiveQueries queries) {
        this.queries = queries;
    }

    /** The projects the caller is a member of (every project for a platform admin), by slug. */
    @GetMapping("/api/projects")
    public Mono<Page<ProjectView>> projects(Caller caller, @RequestParam(required = false) String cursor,
                                            @RequestParam(required = false) Integer limit) {
        return queries.page(new ListProjects(caller.user(), caller.platformAdmin(), Cursors.request(cursor, limit)),
                ProjectView.class);
    }

    /** The project at a glance, from its overview read model. */
    @GetMapping("/api/projects/{slug}/overview")
    public Mono<ProjectOverview> overview(@PathVariable String slug) {
        return queries.optional(new FindProjectOverview(new ProjectId(slug)), ProjectOverview.class)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("project", slug)));
    }

    /** A project with its members and its namespace. */
    @GetMapping("/api/projects/{slug}")
    public Mono<ProjectView> project(@PathVariable String slug) {
        return queries.optional(new FindProject(new ProjectId(slug)), ProjectView.class)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("project", slug)));
    }
}
