package io.eyrie.queryside.rebuild;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

/** How many events the store holds, in all and up to a position: a rebuild's total and its progress. */
@Component
class EventCounts {
    private final JdbcClient jdbc;

    EventCounts(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    long all() {
        return jdbc.sql("SELECT count(*) FROM DomainEventEntry").query(Long.class).single();
    }

    long upTo(long position) {
        return position < 0 ? 0 : jdbc.sql("SELECT count(*) FROM DomainEventEntry WHERE globalIndex <= ?")
                .param(position).query(Long.class).single();
    }
}
