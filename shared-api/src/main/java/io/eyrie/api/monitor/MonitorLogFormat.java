package io.eyrie.api.monitor;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The monitor log's shape in MongoDB, the one contract between the runners that write it and the query service that
 * reads it: a document per monitor and hour, {@value #COLLECTION}, whose {@value #RESULTS} each carry an
 * {@value #EXPIRE_AT}; the document's own {@value #EXPIRE_AT} is its latest result's, for a TTL index.
 */
public final class MonitorLogFormat {
    public static final String COLLECTION = "monitor_log";
    public static final String RESULTS = "results";
    public static final String EXPIRE_AT = "expireAt";

    private MonitorLogFormat() {
    }

    /** The document of a monitor's results in the hour of {@code at}. */
    public static String bucket(String monitorId, Instant at) {
        return monitorId + ":" + at.truncatedTo(ChronoUnit.HOURS);
    }
}
