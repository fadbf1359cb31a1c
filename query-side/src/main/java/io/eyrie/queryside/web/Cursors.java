package io.eyrie.queryside.web;

import io.eyrie.api.query.Page;
import io.eyrie.api.query.PageRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/** Opaque list cursors: the sort key of the last item of a page, so the next page starts right after it. */
public final class Cursors {
    private Cursors() {
    }

    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A page from what a query found when asked for one more than the limit: the extra one only tells that another
     * page follows, whose cursor is the key of this page's last item.
     */
    public static <D, V> Page<V> page(List<D> found, int limit, Function<D, V> view, Function<V, String> key,
                                      long total) {
        List<V> items = found.stream().limit(limit).map(view).toList();
        return new Page<>(items, found.size() > limit ? encode(key.apply(items.getLast())) : null, total);
    }

    /** The page that {@code ?cursor=&limit=} ask for; bad values are a 400 naming the parameter. */
    public static PageRequest request(String cursor, Integer limit) {
        int size = limit == null ? Page.DEFAULT_LIMIT : limit;
        if (size < 1 || size > Page.MAX_LIMIT) {
            throw new InvalidParameterException("limit", "must be 1-" + Page.MAX_LIMIT);
        }
        if (cursor == null || cursor.isEmpty()) {
            return PageRequest.first(size);
        }
        try {
            return new PageRequest(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8), size);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("cursor", "is not a cursor this API gave out");
        }
    }

    /** A cursor's key split in its {@code count} parts; a key this API did not make is refused. */
    public static String[] parts(String key, int count) {
        String[] parts = key.split("\\|", count);
        if (parts.length != count) {
            throw new InvalidParameterException("cursor", "is not a cursor this API gave out");
        }
        return parts;
    }

    public static int number(String part) {
        try {
            return Integer.parseInt(part);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("cursor", "is not a cursor this API gave out");
        }
    }

    public static Instant instant(String part) {
        try {
            return Instant.parse(part);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException("cursor", "is not a cursor this API gave out");
        }
    }
}
