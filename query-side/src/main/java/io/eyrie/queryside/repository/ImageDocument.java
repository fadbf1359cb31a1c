package io.eyrie.queryside.repository;

import io.eyrie.api.repository.ImageView;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@Document(ImageDocument.COLLECTION)
@CompoundIndex(name = "images_by_repository", def = "{'repository': 1, 'name': 1}")
final class ImageDocument {
    static final String COLLECTION = "images";

    @Id
    String id;
    String name;
    String repository;
    String project;
    /** Newest first. */
    List<ImageView.Push> pushes = new ArrayList<>();
    String createdBy;
    Instant createdAt;

    static ImageDocument withId(String id) {
        ImageDocument image = new ImageDocument();
        image.id = id;
        return image;
    }

    ImageView toView() {
        return new ImageView(id, name, repository, project, List.copyOf(pushes), createdBy, createdAt);
    }
}
