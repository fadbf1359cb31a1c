package io.eyrie.api.book;

import java.time.Instant;
import java.util.List;

/** A Book with every version, newest first. */
public record BookView(String name, String groupType, int latestVersion, List<Version> versions) {

    public record Version(int version, List<BookStep> steps, int timeoutMultiplier, String publishedBy,
                          Instant publishedAt) {
    }
}
