package io.eyrie.api;

/**
 * Metadata keys that travel with every command and event, so each stored event says who caused it
 * and which user request it belongs to.
 */
public final class AuditMetaData {
    /** Who asked for it: a user name, or {@code system:<component>} for automatic actions. */
    public static final String INITIATOR = "initiator";
    /** Shared by every message that one user request caused, across all services. */
    public static final String CORRELATION_ID = "correlationId";
    /** The identifier of the message whose handling produced this one. */
    public static final String CAUSATION_ID = "causationId";

    /** True when the initiator acted as a platform admin, from the token; rules that only an owner may pass read it. */
    public static final String PLATFORM_ADMIN = "platformAdmin";

    private AuditMetaData() {
    }
}
