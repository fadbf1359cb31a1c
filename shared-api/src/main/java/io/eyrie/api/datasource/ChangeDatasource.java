package io.eyrie.api.datasource;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Null fields stay as they are. */
public record ChangeDatasource(@TargetAggregateIdentifier DatasourceId datasource, String endpoint,
                               String credentialsRef) {
}
