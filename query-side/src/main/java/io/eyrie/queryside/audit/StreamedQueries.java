package io.eyrie.queryside.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.function.Function;

/**
 * Reads that walk a project's whole history, a batch of rows at a time. PostgreSQL's driver fetches by the fetch size
 * only inside a transaction; in autocommit it reads every row into memory first.
 */
final class StreamedQueries {
    static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    StreamedQueries(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.readOnly.setReadOnly(true);
    }

    <T> T run(Function<JdbcTemplate, T> reads) {
        return readOnly.execute(status -> reads.apply(jdbc));
    }
}
