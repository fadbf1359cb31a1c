package io.eyrie.platform.deadletter;

import io.eyrie.platform.access.Endpoint;

import java.util.List;

import static io.eyrie.platform.access.Endpoint.get;
import static io.eyrie.platform.access.Endpoint.post;
import static io.eyrie.platform.access.Need.PLATFORM_ADMIN;
import static io.eyrie.platform.access.Target.NONE;

/** The dead-letter routes every service has, as rows of its authorization table. */
public final class DeadLetterEndpoints {
    private DeadLetterEndpoints() {
    }

    /** A service's own routes, then these. */
    public static List<Endpoint> after(List<Endpoint> routes) {
        return java.util.stream.Stream.concat(routes.stream(), rows().stream()).toList();
    }

    public static List<Endpoint> rows() {
        return List.of(
                get("/api/dead-letters", NONE, PLATFORM_ADMIN, "list the events this service's processors could not handle"),
                post("/api/dead-letters/{processor}/retry", NONE, PLATFORM_ADMIN,
                        "handle a processor's dead letters again, once their cause is fixed"));
    }
}
