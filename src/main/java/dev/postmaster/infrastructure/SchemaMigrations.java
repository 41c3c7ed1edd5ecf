package dev.postmaster.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database to the schema this version of the code expects, before anything else touches it: the
 * versioned migrations in {@code db/migration} are applied by Flyway at startup, on H2 and PostgreSQL alike.
 * EclipseLink generates no DDL; every schema change is a reviewed migration, and the other startup beans that
 * read the database wait for this one ({@code @DependsOn}).
 *
 * <p>A database made by a version before migrations existed (EclipseLink created its tables) has no migration
 * history: it is baselined at version 0, and the first migration, written to skip what exists, then adds only
 * what such an older database may lack. A migration that fails stops the deployment: the application must not
 * run on a schema it does not know.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigrations {

    /** Where the migrations are, on the class path. */
    public static final String LOCATION = "classpath:db/migration";

    @Resource(lookup = "jdbc/postmaster")
    DataSource dataSource;

    @Inject
    Logger log;

    @PostConstruct
    void migrateAtStartup() {
        try {
            MigrateResult result = migrate(dataSource);
            log.info(() -> result.migrationsExecuted == 0
                    ? "Database schema is up to date at version " + result.targetSchemaVersion
                    : "Database schema migrated from version " + (result.initialSchemaVersion == null ? "(none)"
                            : result.initialSchemaVersion) + " to " + result.targetSchemaVersion + " ("
                            + result.migrationsExecuted + " migration(s))");
        } catch (FlywayException e) {
            log.log(Level.SEVERE, "The database schema could not be migrated, so the application does not start;"
                    + " fix the cause (below) and start it again", e);
            throw e;
        }
    }

    /** Runs the migrations against {@code target}; the one configuration used at startup and by the tests. */
    public static MigrateResult migrate(DataSource target) {
        return Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(target)
                .locations(LOCATION)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("tables made by EclipseLink before migrations existed")
                .cleanDisabled(true)
                .load()
                .migrate();
    }
}
