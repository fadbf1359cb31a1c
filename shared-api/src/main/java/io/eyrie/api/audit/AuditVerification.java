package io.eyrie.api.audit;

/**
 * A project's hash chain recomputed from the stored events. {@code head} is the last link's hash: kept somewhere
 * else, it proves later that the chain up to it is the one that was verified.
 */
public record AuditVerification(boolean ok, long checked, BrokenLink firstBroken, String head) {

    /** The first event whose stored form no longer gives its link, or that is missing from the chain or the store. */
    public record BrokenLink(String position, long link, String reason) {
    }
}
