package io.eyrie.api.query;

import java.util.List;

/**
 * One page of a list: {@code nextCursor} is null on the last page; pass it back as {@code ?cursor=} for the next.
 * {@code total} counts every item the caller may see, across all pages.
 */
public record Page<T>(List<T> items, String nextCursor, long total) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
}
