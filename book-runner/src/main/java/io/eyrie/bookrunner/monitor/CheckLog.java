package io.eyrie.bookrunner.monitor;

import java.util.List;

/** Where check results go; they never enter the event store (see the README on the monitor log). */
interface CheckLog {

    /** Writes them all or throws; the caller keeps them and tries again. */
    void write(List<LoggedCheck> checks);

    /** Makes what the store needs (indexes) before the first write. */
    default void prepare() {
    }

    /** Removes what has expired, for stores that do not expire documents themselves. */
    long prune();
}
