package io.eyrie.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC access to the shared event store, over 127.0.0.1, for measuring and for baselines. */
final class EventStoreDb {
    /** Axon's JDBC default (EventSchema: DomainEventEntry, folded to lower case), then the JPA naming. */
    private static final List<String> EVENT_TABLES = List.of("domainevententry", "domain_event_entry");

    private final String url;
    private String table;

    EventStoreDb(String jdbcUrl) {
        this.url = jdbcUrl.replace("//localhost:", "//127.0.0.1:");
    }

    /** The name of the event table, whichever of the usual names the schema has. */
    synchronized String table() throws SQLException {
        if (table == null) {
            try (Connection connection = connect();
                 PreparedStatement find = connection.prepareStatement("SELECT table_name FROM information_schema.tables "
                         + "WHERE table_schema = current_schema() AND table_name = ANY (?)")) {
                find.setArray(1, connection.createArrayOf("text", EVENT_TABLES.toArray()));
                try (ResultSet rs = find.executeQuery()) {
                    List<String> found = new ArrayList<>();
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                    table = EVENT_TABLES.stream().filter(found::contains).findFirst()
                            .orElseThrow(() -> new IllegalStateException("no event table (" + EVENT_TABLES + ") in " + url));
                }
            }
        }
        return table;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "postgres", "postgres");
    }

    /** The highest global index in the event table, or -1 when it is empty. */
    long head() throws SQLException {
        return queryLong("SELECT coalesce(max(globalIndex), -1) FROM " + table());
    }

    /** When the event at {@code globalIndex} was made (its message's timestamp, set just before it was stored). */
    java.time.Instant timestamp(long globalIndex) throws SQLException {
        try (Connection connection = connect();
             var statement = connection.prepareStatement("SELECT timeStamp FROM " + table() + " WHERE globalIndex = ?")) {
            statement.setLong(1, globalIndex);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no event at global index " + globalIndex);
                }
                return java.time.Instant.parse(rs.getString(1));
            }
        }
    }

    long count() throws SQLException {
        return queryLong("SELECT count(*) FROM " + table());
    }

    String setting(String name) throws SQLException {
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private long queryLong(String sql) throws SQLException {
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
