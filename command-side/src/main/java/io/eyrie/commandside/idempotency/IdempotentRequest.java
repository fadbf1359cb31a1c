package io.eyrie.commandside.idempotency;

/** A POST that carries an Idempotency-Key: whose it is, the key, and a hash of what was asked. */
public record IdempotentRequest(String caller, String key, String fingerprint) {
    /** Metadata of the command the request sends; never copied onto events. */
    public static final String KEY = "idempotencyKey";
    public static final String FINGERPRINT = "idempotencyFingerprint";
}
