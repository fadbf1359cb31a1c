package io.eyrie.queryside.audit;

import org.flywaydb.core.Flyway;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

/** The query side's own tables in the shared PostgreSQL, with their own migration history. */
@Component
public class AuditSchema {

    public AuditSchema(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:io/eyrie/queryside/audit/migration")
                .table("eyrie_query_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
