package io.eyrie.api.repository;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddBranch(@TargetAggregateIdentifier RepositoryId repository, String name) {
}
