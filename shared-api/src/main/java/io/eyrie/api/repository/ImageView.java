package io.eyrie.api.repository;

import java.time.Instant;
import java.util.List;

/** An image with every tag pushed, newest push first; a tag pushed again with a new digest moves. */
public record ImageView(String id, String name, String repository, String project, List<Push> pushes,
                        String createdBy, Instant createdAt) {

    public record Push(String tag, String digest, String pushedBy, Instant pushedAt) {
    }
}
