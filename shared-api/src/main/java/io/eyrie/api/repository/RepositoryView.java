package io.eyrie.api.repository;

import java.time.Instant;
import java.util.List;

/** {@code project} null: platform-wide; {@code type} null: for every group type. */
public record RepositoryView(String id, String url, String project, String type, List<String> branches,
                             List<ImageSummary> images, boolean archived, String createdBy, Instant createdAt,
                             String updatedBy, Instant updatedAt) {

    public record ImageSummary(String id, String name) {
    }
}
