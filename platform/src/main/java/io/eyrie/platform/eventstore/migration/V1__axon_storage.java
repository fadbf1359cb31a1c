package io.eyrie.platform.eventstore.migration;

import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** Axon's own PostgreSQL DDL for the event, snapshot, token and saga tables, so the columns match its queries. */
@SuppressWarnings("unused") // found by Flyway
public class V1__axon_storage extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        EventSchema events = new EventSchema();
        execute(PostgresEventTableFactory.INSTANCE.createDomainEventTable(connection, events));
        execute(PostgresEventTableFactory.INSTANCE.createSnapshotEventTable(connection, events));
        execute(PostgresTokenTableFactory.INSTANCE.createTable(connection, new TokenSchema()));
        PostgresSagaSqlSchema sagas = new PostgresSagaSqlSchema();
        execute(sagas.sql_createTableSagaEntry(connection));
        execute(sagas.sql_createTableAssocValueEntry(connection));
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE INDEX association_value_lookup ON AssociationValueEntry "
                    + "(sagaType, associationKey, associationValue)");
            statement.execute("CREATE INDEX association_value_by_saga ON AssociationValueEntry (sagaId, sagaType)");
        }
    }

    private static void execute(PreparedStatement statement) throws SQLException {
        try (statement) {
            statement.execute();
        }
    }
}
