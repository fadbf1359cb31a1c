package io.eyrie.queryside.cluster;

import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.cluster.ClusterState;
import io.eyrie.api.cluster.ClusterView;
import io.eyrie.api.cluster.FindCluster;
import io.eyrie.api.cluster.ListClusters;
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

/** Clusters are platform-wide: every signed-in user sees them, to link them to groups. */
@RestController
public class ClusterController {
    private final ReactiveQueries queries;

    public ClusterController(ReactiveQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/clusters")
    public Mono<Page<ClusterView>> clusters(@RequestParam(required = false) String state,
                                            @RequestParam(required = false) String cursor,
                                            @RequestParam(required = false) Integer limit) {
        return queries.page(new ListClusters(InvalidParameterException.parse("state", state, ClusterState::fromWire),
                Cursors.request(cursor, limit)), ClusterView.class);
    }

    @GetMapping("/api/clusters/{cluster}")
    public Mono<ClusterView> cluster(@PathVariable String cluster) {
        return queries.optional(new FindCluster(new ClusterId(cluster)), ClusterView.class)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("cluster", cluster)));
    }
}
