package io.eyrie.api.book;

import io.eyrie.api.project.GroupType;

import java.util.List;

/** Version {@code version} of the Book; versions count from 1 and never change once published. */
public record BookPublished(BookId book, int version, GroupType groupType, List<BookStep> steps,
                            int timeoutMultiplier) {
}
