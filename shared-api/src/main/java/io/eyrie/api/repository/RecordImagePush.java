package io.eyrie.api.repository;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A registry reported that {@code tag} now points at {@code digest}. */
public record RecordImagePush(@TargetAggregateIdentifier ImageId image, String tag, String digest) {
}
