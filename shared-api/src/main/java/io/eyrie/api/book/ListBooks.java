package io.eyrie.api.book;

import io.eyrie.api.project.GroupType;
import io.eyrie.api.query.PageRequest;

/** Books by name; {@code groupType} null for all. */
public record ListBooks(GroupType groupType, PageRequest page) {
}
