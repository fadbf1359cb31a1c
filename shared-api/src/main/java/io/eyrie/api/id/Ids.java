package io.eyrie.api.id;

import java.util.UUID;
import java.util.regex.Pattern;

/** The rules every identifier value follows; checked when an identifier is made, so a bad one never travels. */
public final class Ids {
    /** Slugs and names end up in Kubernetes object names, so they are RFC 1123 labels of at most 40 characters. */
    public static final String SLUG = "[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?";
    public static final String SLUG_MESSAGE =
            "must be 1-40 lowercase letters, digits or '-', starting and ending with a letter or digit";
    public static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    public static final String UUID_MESSAGE = "must be a UUID in lowercase, such as 3f2a1c9e-0b7d-4e55-9a43-1d2c3b4a5f60";

    private static final Pattern SLUG_REGEX = Pattern.compile(SLUG);
    private static final Pattern UUID_REGEX = Pattern.compile(UUID_PATTERN);

    private Ids() {
    }

    public static String requireSlug(String kind, String value) {
        if (value == null || !SLUG_REGEX.matcher(value).matches()) {
            throw new IllegalArgumentException(kind + " slug " + quoted(value) + " " + SLUG_MESSAGE);
        }
        return value;
    }

    public static String requireUuid(String kind, String value) {
        if (value == null || !UUID_REGEX.matcher(value).matches()) {
            throw new IllegalArgumentException(kind + " id " + quoted(value) + " " + UUID_MESSAGE);
        }
        return value;
    }

    /** The same UUID for the same seed, so a coordinator asking twice for one thing names it once. */
    public static String uuidFrom(String seed) {
        return java.util.UUID.nameUUIDFromBytes(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    public static String randomUuid() {
        return UUID.randomUUID().toString();
    }

    private static String quoted(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
