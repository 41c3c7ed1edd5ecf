package dev.postmaster.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.settings.boundary.SecretBox;
import dev.postmaster.settings.boundary.SecretField;
import dev.postmaster.settings.entity.MailPassword;
import dev.postmaster.settings.entity.MailServer;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.SettingsSlot;
import dev.postmaster.settings.entity.SettingsSource;
import dev.postmaster.settings.entity.StoredMailSettings;
import dev.postmaster.settings.entity.TransportSecurity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The migrations on PostgreSQL, as {@link SchemaMigrationsTest} runs them on H2: from an empty database to
 * exactly the tables the entities map to, and over a database that EclipseLink made for version 0.1. A plain
 * JUnit test, run by failsafe only in the profile {@code postgresql} (which starts the database and names it in
 * {@value #URL}); each test starts on an empty schema.
 *
 * <p>The 0.1 database is V1's own script run without Flyway: V1 is the schema EclipseLink generated for 0.1,
 * captured from PostgreSQL 15 among others (see its header). What this proves is what only PostgreSQL can: that the
 * whole chain, V1 included, runs there, that V1 skips everything such a database has, and that the rows of the old
 * shape read as they meant.
 */
class SchemaMigrationsPostgresIT {

    /** The JDBC URL of a database of this test's own; the role is the one the profile's other tests use. */
    static final String URL = "it.db.migrations.url";

    private final PGSimpleDataSource database = new PGSimpleDataSource();
    private EntityManagerFactory jpa;

    SchemaMigrationsPostgresIT() {
        String url = System.getProperty(URL);
        if (url == null) {
            throw new IllegalStateException("Run through mvn verify -Ppostgresql: the system property " + URL
                    + " must name the database");
        }
        database.setURL(url);
        database.setUser(System.getProperty("it.db.reset.user"));
        database.setPassword(System.getProperty("it.db.reset.password"));
    }

    @BeforeEach
    void emptySchema() throws SQLException {
        execute("DROP SCHEMA IF EXISTS public CASCADE");
        execute("CREATE SCHEMA public");
    }

    @AfterEach
    void close() {
        if (jpa != null) {
            jpa.close();
        }
    }

    @Test
    void anEmptyDatabaseGetsExactlyTheTablesTheEntitiesMapTo() throws SQLException {
        MigrateResult result = SchemaMigrations.migrate(database);

        assertEquals("10", result.targetSchemaVersion);
        assertEquals(10, result.migrationsExecuted);
        assertEquals(Map.of(), differencesFromMapping());
    }

    @Test
    void aDatabaseEclipseLinkMadeIsTakenOverAndItsRowsReadAsTheyMeant() throws SQLException, IOException {
        try (InputStream v1 = getClass().getResourceAsStream("/db/migration/V1__schema_of_version_0_1.sql")) {
            execute(new String(v1.readAllBytes(), StandardCharsets.UTF_8));
        }
        // The old shape: the encryption known only from "Use SSL", on both servers.
        execute("INSERT INTO mail_settings (id, slot, source, saved_at, saved_by, version, smtp_host, smtp_ssl,"
                + " imap_host, imap_ssl) VALUES (1, 'ACTIVE', 'CONSOLE', TIMESTAMP '2026-11-20 10:00:00', 'admin', 3,"
                + " 'smtp.acme.test', TRUE, 'imap.acme.test', FALSE)");
        execute("INSERT INTO contact (id, first_name, last_name, active, version) VALUES (3, 'Bob', 'Baker', TRUE,"
                + " 1)");
        execute("INSERT INTO contact_email (contact_id, address, is_default) VALUES (3, 'bob@acme.test', TRUE)");

        MigrateResult result = SchemaMigrations.migrate(database);

        assertEquals("0", result.initialSchemaVersion, "baselined at 0, so that the first migration runs as well");
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"),
                result.migrations.stream().map(m -> m.version).toList());
        assertEquals(Map.of(), differencesFromMapping());
        assertEquals(0, SchemaMigrations.migrate(database).migrationsExecuted, "a second start changes nothing");
        MailSettings settings = storedSettings(SettingsSlot.ACTIVE).getSettings();
        assertEquals(TransportSecurity.SSL_TLS, settings.getOutgoing().getSecurity());
        assertEquals(TransportSecurity.NONE, settings.getIncoming().getSecurity());
        assertEquals("bob@acme.test", entityManager().find(Contact.class, 3L).verifiedDefaultEmail().orElseThrow());
    }

    /** PostgreSQL checks a VARCHAR's length in characters as H2 does; the sealed form must fit on both. */
    @Test
    void theLongestPasswordTheEmailPageAcceptsIsStoredSealedOnBothServers() {
        SchemaMigrations.migrate(database);
        SecretBox box = SecretBox.withKey(new byte[32]);
        String longest = "€".repeat(MailPassword.MAX_LENGTH);
        MailSettings settings = new MailSettings();
        settings.getOutgoing().setHost("smtp.acme.test");
        settings.getOutgoing().setPasswordSealed(box.seal(SecretField.SMTP_PASSWORD, longest));
        settings.getIncoming().setPasswordSealed(box.seal(SecretField.IMAP_PASSWORD, longest));

        EntityManager em = entityManager();
        em.getTransaction().begin();
        em.persist(new StoredMailSettings(SettingsSlot.PENDING, settings, SettingsSource.CONSOLE, Instant.now(),
                "admin"));
        em.getTransaction().commit();
        em.clear();

        MailServer read = storedSettings(SettingsSlot.PENDING).getSettings().getOutgoing();
        assertEquals(longest, box.open(SecretField.SMTP_PASSWORD, read.getPasswordSealed()));
        assertTrue(storedSettings(SettingsSlot.PENDING).getSettings().changedFields(settings).isEmpty());
    }

    // --- helpers

    private StoredMailSettings storedSettings(SettingsSlot slot) {
        return entityManager().createNamedQuery(StoredMailSettings.FIND_BY_SLOT, StoredMailSettings.class)
                .setParameter("slot", slot).getSingleResult();
    }

    /** The application's persistence unit, on this test's database, outside the container. */
    private EntityManager entityManager() {
        if (jpa == null) {
            jpa = MappedSchema.persistenceUnit(database);
        }
        return jpa.createEntityManager();
    }

    private Map<String, List<String>> differencesFromMapping() throws SQLException {
        return MappedSchema.differences(entityManager(), database);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
