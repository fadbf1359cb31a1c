package io.eyrie.bookrunner.run;

import java.io.Serializable;

/**
 * A queued job as the work queue keeps it: which job, on whose behalf (so that every command a runner sends for
 * it, on any runner and after any restart, records who asked and which request it belongs to), and under which
 * lease, counting the times it was taken from a runner that stopped renewing it; and which drivers it uses.
 */
public record JobTicket(String jobId, String initiator, String correlationId, String causationId, int lease,
                        String driver, boolean simulated) implements Serializable {

    JobTicket takenOver() {
        return new JobTicket(jobId, initiator, correlationId, causationId, lease + 1, driver, simulated);
    }
}
