package io.eyrie.queryside.book;

import io.eyrie.api.book.BookStep;
import io.eyrie.api.book.BookView;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A Book with all its versions; versions never change once published, so each is stored as it came. */
@Document(BookDocument.COLLECTION)
@CompoundIndex(name = "books_by_group_type", def = "{'groupType': 1, '_id': 1}")
final class BookDocument {
    static final String COLLECTION = "books";

    @Id
    String name;
    String groupType;
    int latestVersion;
    List<Version> versions = new ArrayList<>();

    record Version(int version, List<BookStep> steps, int timeoutMultiplier, String publishedBy, Instant publishedAt) {
    }

    static BookDocument named(String name) {
        BookDocument book = new BookDocument();
        book.name = name;
        return book;
    }

    /** Idempotent: a version seen again replaces itself. */
    void publish(Version version) {
        versions.removeIf(known -> known.version() == version.version());
        versions.add(version);
        versions.sort(Comparator.comparingInt(Version::version).reversed());
        latestVersion = versions.getFirst().version();
    }

    BookView toView() {
        return new BookView(name, groupType, latestVersion, versions.stream()
                .map(version -> new BookView.Version(version.version(), version.steps(), version.timeoutMultiplier(),
                        version.publishedBy(), version.publishedAt()))
                .toList());
    }
}
