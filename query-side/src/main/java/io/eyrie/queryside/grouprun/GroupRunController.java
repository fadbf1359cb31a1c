package io.eyrie.queryside.grouprun;

import io.eyrie.api.grouprun.FindGroupRun;
import io.eyrie.api.grouprun.GroupRunId;
import io.eyrie.api.grouprun.GroupRunView;
import io.eyrie.api.grouprun.ListGroupRuns;
import io.eyrie.api.query.Page;
import io.eyrie.queryside.web.Cursors;
import io.eyrie.api.project.ProjectId;
import io.eyrie.platform.web.NotFoundException;
import io.eyrie.queryside.web.ReactiveQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A group action's progress, stage by stage. */
@RestController
public class GroupRunController {
    private final ReactiveQueries queries;

    public GroupRunController(ReactiveQueries queries) {
        this.queries = queries;
    }

    /** The group's actions, newest first. */
    @GetMapping("/api/projects/{slug}/groups/{group}/runs")
    public Mono<Page<GroupRunView>> runs(@PathVariable String slug, @PathVariable String group,
                                         @RequestParam(required = false) String cursor,
                                         @RequestParam(required = false) Integer limit) {
        return queries.page(new ListGroupRuns(new ProjectId(slug), group, Cursors.request(cursor, limit)),
                GroupRunView.class);
    }

    @GetMapping("/api/projects/{slug}/groups/{group}/runs/{id}")
    public Mono<GroupRunView> run(@PathVariable String slug, @PathVariable String group, @PathVariable String id) {
        return queries.optional(new FindGroupRun(new ProjectId(slug), group, new GroupRunId(id)), GroupRunView.class)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("group run", id)));
    }
}
