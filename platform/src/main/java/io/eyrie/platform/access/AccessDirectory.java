package io.eyrie.platform.access;

import java.util.Map;
import java.util.Optional;

/**
 * Where a service looks up who may do what. The command side reads tables written in the transactions of the events,
 * so a role change holds for the very next request; the query side reads its own read model.
 */
public interface AccessDirectory {

    /**
     * The caller's access to the target named by {@code variables}, or empty when no such target exists. Blocking:
     * the filter calls it off the event loop.
     */
    Optional<Access> access(Target target, Map<String, String> variables, String user);
}
