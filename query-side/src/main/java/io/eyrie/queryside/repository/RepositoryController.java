package io.eyrie.queryside.repository;

import io.eyrie.api.id.Ids;
import io.eyrie.api.query.Page;
import io.eyrie.api.repository.FindImage;
import io.eyrie.api.repository.FindRepository;
import io.eyrie.api.repository.ImageId;
import io.eyrie.api.repository.ImageView;
import io.eyrie.api.repository.ListRepositories;
import io.eyrie.api.repository.ListRepositoryImages;
import io.eyrie.api.repository.RepositoryId;
import io.eyrie.api.repository.RepositoryView;
import io.eyrie.platform.access.AccessChecks;
import io.eyrie.platform.access.Need;
import io.eyrie.platform.access.Target;
import io.eyrie.platform.security.Caller;
import io.eyrie.platform.web.NotFoundException;
import io.eyrie.queryside.web.Cursors;
import io.eyrie.queryside.web.InvalidParameterException;
import io.eyrie.queryside.web.ReactiveQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.Map;

@RestController
public class RepositoryController {
    private final ReactiveQueries queries;
    private final AccessChecks access;

    public RepositoryController(ReactiveQueries queries, AccessChecks access) {
        this.queries = queries;
        this.access = access;
    }

    /** Platform-wide repositories and those of your projects; {@code ?project=} narrows to one project's. */
    @GetMapping("/api/repositories")
    public Mono<Page<RepositoryView>> repositories(Caller caller, @RequestParam(required = false) String project,
                                                   @RequestParam(required = false) String cursor,
                                                   @RequestParam(required = false) Integer limit) {
        String slug = InvalidParameterException.parse("project", project, value -> Ids.requireSlug("project", value));
        var query = new ListRepositories(caller.user(), caller.platformAdmin(), slug, Cursors.request(cursor, limit));
        Mono<Void> visible = slug == null ? Mono.empty()
                : access.require(caller, Target.PROJECT, Map.of("slug", slug), Need.USER, "list its repositories");
        return visible.then(queries.page(query, RepositoryView.class));
    }

    @GetMapping("/api/repositories/{id}")
    public Mono<RepositoryView> repository(@PathVariable String id) {
        return queries.optional(new FindRepository(new RepositoryId(id)), RepositoryView.class)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("repository", id)));
    }

    @GetMapping("/api/repositories/{id}/images")
    public Mono<Page<ImageView>> images(@PathVariable String id, @RequestParam(required = false) String cursor,
                                        @RequestParam(required = false) Integer limit) {
        return queries.page(new ListRepositoryImages(new RepositoryId(id), Cursors.request(cursor, limit)), ImageView.class);
    }

    /** An image with every tag pushed, newest push first. */
    @GetMapping("/api/images/{id}")
    public Mono<ImageView> image(@PathVariable String id) {
        return queries.optional(new FindImage(new ImageId(id)), ImageView.class)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("image", id)));
    }
}
