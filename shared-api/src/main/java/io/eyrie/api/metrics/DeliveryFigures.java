package io.eyrie.api.metrics;

import java.time.Instant;

/**
 * DORA's four figures for a project (or one group or scope of it) over [from, to), computed from Eyrie's own events.
 * A deploy is a deploy-family action (deploy, redeploy, deploy-latest, rollback) whose job succeeded; a restore job
 * after a cancel or a failed canary is not one. Durations are medians, in seconds, with how many samples they had.
 */
public record DeliveryFigures(String project, String group, String scope, Instant from, Instant to,
                              Frequency deploymentFrequency, LeadTime leadTime, ChangeFailureRate changeFailureRate,
                              TimeToRestore timeToRestore) {

    public record Frequency(long deploys, double perDay) {
    }

    /**
     * From the push of the newest image the release brought (when Eyrie saw that push), else from the request, to the
     * moment the release became active; rollbacks bring no change and are left out.
     */
    public record LeadTime(Long medianSeconds, long samples, long fromImagePush, long fromRequest) {
    }

    /** Deploys whose job failed, and deploys later rolled back, over every deploy attempt that ended. */
    public record ChangeFailureRate(long failed, long attempts, Double rate) {
    }

    /** From a failed deploy, or the rollback that undid a deploy, to the deployment's next successful deploy. */
    public record TimeToRestore(Long medianSeconds, long samples) {
    }
}
