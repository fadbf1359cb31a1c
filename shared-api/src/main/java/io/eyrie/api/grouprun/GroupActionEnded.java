package io.eyrie.api.grouprun;

/**
 * Every stage succeeded ({@code succeeded}), or stage {@code stage} did not and the later ones never started;
 * {@code reason} names the members that failed.
 */
public record GroupActionEnded(GroupRunId runId, boolean succeeded, int stage, String reason) {
}
