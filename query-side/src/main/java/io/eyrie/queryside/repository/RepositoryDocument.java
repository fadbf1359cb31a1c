package io.eyrie.queryside.repository;

import io.eyrie.api.repository.RepositoryView;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

@Document(RepositoryDocument.COLLECTION)
@CompoundIndex(name = "repositories_by_project_url", def = "{'project': 1, 'url': 1, '_id': 1}")
// A platform admin's list, which no project narrows.
@CompoundIndex(name = "repositories_by_url", def = "{'url': 1, '_id': 1}")
final class RepositoryDocument {
    static final String COLLECTION = "repositories";

    @Id
    String id;
    String url;
    String project;
    String type;
    TreeSet<String> branches = new TreeSet<>();
    List<RepositoryView.ImageSummary> images = new ArrayList<>();
    boolean archived;
    String createdBy;
    Instant createdAt;
    String updatedBy;
    Instant updatedAt;

    static RepositoryDocument withId(String id) {
        RepositoryDocument repository = new RepositoryDocument();
        repository.id = id;
        return repository;
    }

    RepositoryView toView() {
        return new RepositoryView(id, url, project, type, List.copyOf(branches), List.copyOf(images), archived,
                createdBy, createdAt, updatedBy, updatedAt);
    }
}
