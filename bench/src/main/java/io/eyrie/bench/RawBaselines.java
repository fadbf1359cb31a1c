package io.eyrie.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the same PostgreSQL does without Axon and the services in between: single-row inserts of real event rows
 * into a copy of the event table, and a streaming scan of the event table with Jackson deserialization.
 */
final class RawBaselines {
    private static final String TABLE = "bench_raw_events";

    private final EventStoreDb db;

    record Inserts(int rows, int threads, long nanos, boolean stoppedByDeadline) {
        double rowsPerSecond() {
            return nanos == 0 ? 0 : rows * 1e9 / nanos;
        }
    }

    /** {@code unknownTypes} rows named a payload class that is not on the classpath and were not deserialized. */
    record Scan(long rows, long unknownTypes, long nanos, boolean stoppedByDeadline) {
        double rowsPerSecond() {
            return nanos == 0 ? 0 : rows * 1e9 / nanos;
        }
    }

    /** Column values of sampled rows, with the unique columns already given fresh values. */
    private record Rows(List<String> columns, int[] sqlTypes, List<Object[]> values) {
    }

    RawBaselines(EventStoreDb db) {
        this.db = db;
    }

    /**
     * Inserts {@code rows} rows one per statement with autocommit, first on one connection, then spread over
     * {@code threads} connections. The table is {@code LIKE <event table> INCLUDING ALL}, so it has the same
     * indexes and unique constraints; its global index gets explicit values, because the copied default would draw
     * from the real event table's sequence and leave gaps in it.
     */
    List<Inserts> inserts(int rows, int threads, Instant deadline) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + TABLE);
            statement.execute("CREATE TABLE " + TABLE + " (LIKE " + db.table() + " INCLUDING ALL)");
            statement.execute("ALTER TABLE " + TABLE + " ALTER COLUMN globalIndex DROP DEFAULT");
        }
        try {
            Rows sequentialRows = sample(rows, 1);
            Inserts sequential = insertSequentially(sequentialRows, deadline);
            Rows parallelRows = sample(rows, rows + 1L);
            Inserts parallel = insertInParallel(parallelRows, threads, deadline);
            return List.of(sequential, parallel);
        } finally {
            try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + TABLE);
            }
        }
    }

    /** Copies {@code count} random real rows (repeating them if the store has fewer), numbered from {@code firstId}. */
    private Rows sample(int count, long firstId) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<Object[]> real = new ArrayList<>();
        int[] types;
        try (Connection connection = db.connect();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT * FROM " + db.table() + " ORDER BY random() LIMIT ?")) {
            select.setInt(1, count);
            try (ResultSet rs = select.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                types = new int[meta.getColumnCount()];
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    columns.add(meta.getColumnName(c).toLowerCase(Locale.ROOT));
                    types[c - 1] = meta.getColumnType(c);
                }
                while (rs.next()) {
                    Object[] row = new Object[columns.size()];
                    for (int c = 0; c < row.length; c++) {
                        row[c] = rs.getObject(c + 1);
                    }
                    real.add(row);
                }
            }
        }
        if (real.isEmpty()) {
            throw new IllegalStateException("the event store is empty: nothing to copy");
        }
        List<Object[]> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Object[] row = real.get(i % real.size()).clone();
            long id = firstId + i;
            for (int c = 0; c < row.length; c++) {
                switch (columns.get(c)) {
                    case "globalindex", "sequencenumber" -> row[c] = id;
                    case "eventidentifier" -> row[c] = UUID.randomUUID().toString();
                    default -> {
                    }
                }
            }
            values.add(row);
        }
        return new Rows(List.copyOf(columns), types, values);
    }

    private Inserts insertSequentially(Rows rows, Instant deadline) throws SQLException {
        try (Connection connection = db.connect();
             PreparedStatement insert = connection.prepareStatement(insertSql(rows))) {
            connection.setAutoCommit(true);
            long started = System.nanoTime();
            int done = insertAll(insert, rows, rows.values(), deadline);
            return new Inserts(done, 1, System.nanoTime() - started, done < rows.values().size());
        }
    }

    private Inserts insertInParallel(Rows rows, int threads, Instant deadline) throws Exception {
        List<List<Object[]>> shares = LoadRunner.split(rows.values(), threads);
        List<Connection> connections = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("raw-insert-", 1).factory());
        try {
            for (int t = 0; t < threads; t++) {
                Connection connection = db.connect();
                connection.setAutoCommit(true);
                connections.add(connection);
            }
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Connection connection = connections.get(t);
                List<Object[]> share = shares.get(t);
                futures.add(pool.submit(() -> {
                    try (PreparedStatement insert = connection.prepareStatement(insertSql(rows))) {
                        ready.countDown();
                        go.await();
                        return insertAll(insert, rows, share, deadline);
                    }
                }));
            }
            ready.await();
            long started = System.nanoTime();
            go.countDown();
            int done = 0;
            for (Future<Integer> future : futures) {
                done += future.get();
            }
            return new Inserts(done, threads, System.nanoTime() - started, done < rows.values().size());
        } finally {
            pool.shutdownNow();
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    private static int insertAll(PreparedStatement insert, Rows rows, List<Object[]> values, Instant deadline)
            throws SQLException {
        int done = 0;
        for (Object[] row : values) {
            if ((done & 63) == 0 && Instant.now().isAfter(deadline)) {
                break;
            }
            for (int c = 0; c < row.length; c++) {
                if (row[c] == null) {
                    insert.setNull(c + 1, rows.sqlTypes()[c]);
                } else {
                    insert.setObject(c + 1, row[c]);
                }
            }
            insert.executeUpdate();
            done++;
        }
        return done;
    }

    private static String insertSql(Rows rows) {
        return "INSERT INTO " + TABLE + " (" + String.join(", ", rows.columns()) + ") VALUES ("
                + String.join(", ", Collections.nCopies(rows.columns().size(), "?")) + ")";
    }

    /**
     * Streams every event's payload type and payload in global order (autocommit off, so PostgreSQL streams in
     * batches of the fetch size instead of sending the whole result) and deserializes each payload with a fresh
     * Jackson 2 mapper into its class, looked up once per type.
     */
    Scan scan(Instant deadline) throws SQLException {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Map<String, Optional<Class<?>>> classes = new HashMap<>();
        long rows = 0;
        long unknown = 0;
        boolean stopped = false;
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            long started = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(1000);
                try (ResultSet rs = statement.executeQuery(
                        "SELECT payloadType, payload FROM " + db.table() + " ORDER BY globalIndex")) {
                    while (rs.next()) {
                        if ((rows & 1023) == 0 && Instant.now().isAfter(deadline)) {
                            stopped = true;
                            break;
                        }
                        Optional<Class<?>> type = classes.computeIfAbsent(rs.getString(1), RawBaselines::load);
                        byte[] payload = rs.getBytes(2);
                        if (type.isPresent()) {
                            mapper.readValue(payload, type.get());
                        } else {
                            unknown++;
                        }
                        rows++;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("could not deserialize event " + rows, e);
            } finally {
                connection.commit();
            }
            return new Scan(rows, unknown, System.nanoTime() - started, stopped);
        }
    }

    private static Optional<Class<?>> load(String name) {
        try {
            return Optional.of(Class.forName(name));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }
}
