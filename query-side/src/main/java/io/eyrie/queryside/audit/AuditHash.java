package io.eyrie.queryside.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over the link before and every stored column of an event, each length-prefixed so no two events can
 * run together into the same input. Computed from the row as stored, never from a deserialized event, so a change
 * to any byte of it, its payload or metadata, its time or its place in its aggregate, changes the hash.
 */
final class AuditHash {
    static final String GENESIS = "0".repeat(64);

    private AuditHash() {
    }

    record StoredEvent(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                       String type, String timeStamp, String payloadType, String payloadRevision, byte[] payload,
                       byte[] metaData) {
    }

    static String of(String previous, StoredEvent event) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String text : new String[]{previous, Long.toString(event.globalIndex()), event.eventIdentifier(),
                    event.aggregateIdentifier(), Long.toString(event.sequenceNumber()), event.type(), event.timeStamp(),
                    event.payloadType(), event.payloadRevision()}) {
                field(digest, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
            }
            field(digest, event.payload());
            field(digest, event.metaData());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void field(MessageDigest digest, byte[] value) {
        digest.update(ByteBuffer.allocate(4).putInt(value == null ? -1 : value.length).array());
        if (value != null) {
            digest.update(value);
        }
    }
}
