package io.eyrie.api.repository;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Handled by the repository the image is built from; an image name is unique in its repository. */
public record RegisterImage(@TargetAggregateIdentifier RepositoryId repository, ImageId image, String name) {
}
