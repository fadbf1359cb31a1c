package io.eyrie.api.query;

/**
 * Which page to answer: the items after the sort key {@code after} (null for the first page), at most {@code limit}
 * of them. Over HTTP the key travels as an opaque cursor.
 */
public record PageRequest(String after, int limit) {
    public PageRequest {
        if (limit < 1 || limit > Page.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + Page.MAX_LIMIT + ": " + limit);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(null, limit);
    }
}
