package org.libertymail.ejb.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema to the current version at start with the Flyway migrations in
 * {@code db/migration}, the same scripts for HSQLDB and PostgreSQL; the services that touch the
 * store at start depend on it. Flyway runs its own transactions, so this bean runs outside JTA.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigration {
    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    /** The placeholders of the migrations per database product (see V1__mail_store.sql). */
    private static final Map<String, Map<String, String>> PLACEHOLDERS = Map.of(
            "HSQL Database Engine", Map.of("binary", "VARBINARY(" + BodyStore.CHUNK_SIZE + ")", "small_table", "MEMORY"),
            "PostgreSQL", Map.of("binary", "BYTEA", "small_table", ""));

    @Resource(lookup = "jdbc/mailserver")
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        String product = product();
        Map<String, String> placeholders = PLACEHOLDERS.get(product);
        if (placeholders == null) {
            throw new IllegalStateException("Unsupported database " + product + "; use HSQLDB or PostgreSQL");
        }
        MigrateResult result = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                // Liberty's class loader finds a folder only through a file in it: flyway.location
                // (db/callback holds one too, so Flyway's default callback scan finds it).
                .locations("classpath:db/migration")
                .placeholders(placeholders)
                .load()
                .migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.info(() -> "Mail store schema on " + product + " is at version " + version
                + " (" + result.migrationsExecuted + " migrations applied now)");
    }

    private String product() {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("The mail store database does not answer: " + e.getMessage(), e);
        }
    }
}
