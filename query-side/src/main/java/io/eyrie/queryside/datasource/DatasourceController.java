package io.eyrie.queryside.datasource;

import io.eyrie.api.datasource.DatasourceId;
import io.eyrie.api.datasource.DatasourceView;
import io.eyrie.api.datasource.FindDatasource;
import io.eyrie.api.datasource.ListDatasources;
import io.eyrie.api.project.ProjectId;
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
public class DatasourceController {
    private final ReactiveQueries queries;

    public DatasourceController(ReactiveQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/projects/{slug}/datasources")
    public Mono<Page<DatasourceView>> datasources(@PathVariable String slug,
                                                  @RequestParam(required = false) String cursor,
                                                  @RequestParam(required = false) Integer limit) {
        return queries.page(new ListDatasources(new ProjectId(slug), Cursors.request(cursor, limit)), DatasourceView.class);
    }

    @GetMapping("/api/datasources/{id}")
    public Mono<DatasourceView> datasource(@PathVariable String id) {
        return queries.optional(new FindDatasource(new DatasourceId(id)), DatasourceView.class)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("datasource", id)));
    }
}
