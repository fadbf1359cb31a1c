package io.eyrie.commandside.directory;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/**
 * The command side's own tables in the shared PostgreSQL, with their own migration history: the other services
 * neither read nor migrate them.
 */
public final class DirectorySchema {

    public DirectorySchema(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:io/eyrie/commandside/directory/migration")
                .table("eyrie_command_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
