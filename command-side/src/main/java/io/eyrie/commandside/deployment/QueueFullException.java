package io.eyrie.commandside.deployment;

/** A deployment's queue of waiting actions is at its bound. */
public class QueueFullException extends RuntimeException {
    private final int limit;

    public QueueFullException(String deploymentId, int limit) {
        super("Deployment " + deploymentId + " already has " + limit + " actions waiting, the most it queues; "
                + "try again once one has run, or cancel one");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
