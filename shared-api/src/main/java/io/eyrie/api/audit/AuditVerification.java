package io.eyrie.api.audit;

/**
 * A project's hash chain recomputed from the stored events. {@code head} is the hash of link {@code headLink}, the
 * last one checked (or, when broken, the last good one): kept somewhere else, the two prove later that the chain
 * up to it is the one that was verified, and let a later verify start from there ({@code ?after=&head=}).
 */
public record AuditVerification(boolean ok, long checked, BrokenLink firstBroken, String head, long headLink) {

    /** The first event whose stored form no longer gives its link, or that is missing from the chain or the store. */
    public record BrokenLink(String position, long link, String reason) {
    }
}
