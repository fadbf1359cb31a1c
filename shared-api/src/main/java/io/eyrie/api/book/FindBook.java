package io.eyrie.api.book;

public record FindBook(BookId book) {
}
