package io.eyrie.api.datasource;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Refused while a scope backs up to it. */
public record RemoveDatasource(@TargetAggregateIdentifier DatasourceId datasource) {
}
