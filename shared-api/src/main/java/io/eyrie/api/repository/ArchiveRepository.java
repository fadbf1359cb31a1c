package io.eyrie.api.repository;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ArchiveRepository(@TargetAggregateIdentifier RepositoryId repository) {
}
