package io.eyrie.commandside.deployment;

/** A job outcome arrived for a job that is not the deployment's running one (late, duplicate or timed out). */
public class UnknownJobException extends RuntimeException {
    public UnknownJobException(String deploymentId, String jobId, String runningJobId) {
        super("deployment " + deploymentId + " is not running job " + jobId
                + (runningJobId == null ? " (no job is running)" : " (running: " + runningJobId + ")"));
    }
}
