package io.eyrie.bookrunner.driver;

import io.eyrie.bookrunner.book.BookStep;

/** One step of a Book, for one deployment. {@code image} is the container image the deployment runs. */
public record StepRequest(String deploymentId, String book, BookStep step, String image) {
}
