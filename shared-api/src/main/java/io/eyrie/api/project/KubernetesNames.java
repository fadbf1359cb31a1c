package io.eyrie.api.project;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.UUID;

/**
 * Kubernetes namespace names for Eyrie's resources: valid DNS labels of at most 63 characters. Each ends in the
 * base32 form of a UUID that is unique across the system (the project's namespace UID, or the deployment's id), so
 * two names never collide, however long the readable part was before it was cut.
 */
public final class KubernetesNames {
    public static final int MAX_LENGTH = 63;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    /** 128 bits in base32: 26 characters. */
    private static final int UUID_LENGTH = 26;

    private KubernetesNames() {
    }

    /** The namespace of the project's own resources: {@code eyrie-<namespace uid>}. */
    public static String projectNamespace(String namespaceUid) {
        return "eyrie-" + base32(UUID.fromString(namespaceUid));
    }

    /** {@code <project>-<deployment>-<deployment id>}, the readable part cut so that the whole fits. */
    public static String deploymentNamespace(String project, String deployment, String deploymentId) {
        String unique = base32(UUID.fromString(deploymentId));
        String readable = (project + "-" + deployment).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        readable = readable.substring(0, Math.min(readable.length(), MAX_LENGTH - UUID_LENGTH - 1))
                .replaceAll("^-+|-+$", "");
        return readable.isEmpty() ? "d-" + unique : readable + "-" + unique;
    }

    static String base32(UUID uuid) {
        byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        StringBuilder out = new StringBuilder(UUID_LENGTH);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }
}
