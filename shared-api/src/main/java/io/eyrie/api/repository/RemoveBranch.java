package io.eyrie.api.repository;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveBranch(@TargetAggregateIdentifier RepositoryId repository, String name) {
}
