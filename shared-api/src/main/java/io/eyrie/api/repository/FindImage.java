package io.eyrie.api.repository;

public record FindImage(ImageId image) {
}
