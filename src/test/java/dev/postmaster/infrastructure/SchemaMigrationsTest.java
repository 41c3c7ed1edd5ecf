package dev.postmaster.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.contacts.entity.ContactEmail;
import dev.postmaster.settings.boundary.SecretBox;
import dev.postmaster.settings.boundary.SecretField;
import dev.postmaster.settings.entity.AuditEntry;
import dev.postmaster.settings.entity.MailPassword;
import dev.postmaster.settings.entity.AuthMethod;
import dev.postmaster.settings.entity.MailServer;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.Protocol;
import dev.postmaster.settings.entity.SettingsChange;
import dev.postmaster.settings.entity.SettingsSlot;
import dev.postmaster.settings.entity.SettingsSource;
import dev.postmaster.settings.entity.StoredMailSettings;
import dev.postmaster.settings.entity.TransportSecurity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The versioned schema, against H2 as Payara bundles it and with the application's own JPA mapping (EclipseLink
 * 4.0.7, as in Payara): the migrations build from an empty database exactly the tables the entities map to, and
 * they take over a database that EclipseLink created for version 0.1, so that its saved Email settings (in every
 * encryption choice, on both servers) and its History read as they meant; and that the longest password the
 * Email page accepts fits its column once sealed.
 */
class SchemaMigrationsTest {

    /** The schema EclipseLink created for version 0.1, as H2 wrote it out; see the file's header. */
    private static final String ECLIPSELINK_0_1 = "db/eclipselink-0.1-h2.sql";

    private final JdbcDataSource database = new JdbcDataSource();
    private EntityManagerFactory jpa;

    SchemaMigrationsTest() {
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        database.setUser("sa");
    }

    @AfterEach
    void close() throws SQLException {
        if (jpa != null) {
            jpa.close();
        }
        execute("SHUTDOWN");
    }

    @Test
    void anEmptyDatabaseGetsExactlyTheTablesTheEntitiesMapTo() throws SQLException {
        MigrateResult result = SchemaMigrations.migrate(database);

        assertEquals("10", result.targetSchemaVersion);
        assertEquals(10, result.migrationsExecuted);
        assertEquals(Map.of(), differencesFromMapping());
    }

    @Test
    void aDatabaseEclipseLinkMadeIsTakenOverAndEndsLikeAFreshOne() throws SQLException {
        script(ECLIPSELINK_0_1);

        MigrateResult result = SchemaMigrations.migrate(database);

        assertEquals("0", result.initialSchemaVersion, "baselined at 0, so that the first migration runs as well");
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"),
                result.migrations.stream().map(m -> m.version).toList());
        assertEquals(Map.of(), differencesFromMapping());
        assertEquals(0, SchemaMigrations.migrate(database).migrationsExecuted, "a second start changes nothing");
    }

    /**
     * One saved row per case, in the old shape: the encryption as chosen ({@code NONE}, {@code SSL_TLS},
     * {@code STARTTLS}), or, for rows saved before the encryption column existed, only the "Use SSL" box.
     */
    @ParameterizedTest(name = "outgoing {0}/{1}, incoming {2}/{3} -> {4} and {5}")
    @CsvSource(nullValues = "-", value = {
        "NONE,     false, SSL_TLS,  true,  NONE,     SSL_TLS",
        "SSL_TLS,  true,  STARTTLS, false, SSL_TLS,  STARTTLS",
        "STARTTLS, false, NONE,     false, STARTTLS, NONE",
        "-,        true,  -,        false, SSL_TLS,  NONE",
        "-,        false, -,        true,  NONE,     SSL_TLS",
        "-,        -,     -,        -,     NONE,     NONE",
    })
    void savedSettingsOfTheOldShapeReadAsTheyMeant(String smtpSecurity, Boolean smtpSsl, String imapSecurity,
            Boolean imapSsl, TransportSecurity outgoing, TransportSecurity incoming) throws SQLException {
        script(ECLIPSELINK_0_1);
        execute("INSERT INTO mail_settings (id, slot, source, saved_at, saved_by, version, application_name,"
                + " reply_to, use_system_reply, use_display_name, smtp_host, smtp_port, smtp_security, smtp_ssl,"
                + " smtp_trust_certificate, smtp_auth, smtp_username, smtp_password_sealed, imap_host, imap_port,"
                + " imap_security, imap_ssl, imap_trust_certificate, imap_username, imap_password_sealed)"
                + " VALUES (1, 'ACTIVE', 'CONSOLE', TIMESTAMP '2026-11-20 10:00:00', 'admin', 3, 'Acme Ops',"
                + " 'ops@acme.test', FALSE, TRUE, 'smtp.acme.test', NULL, " + literal(smtpSecurity) + ", "
                + smtpSsl + ", TRUE, TRUE, 'mailer', 'v1:sealed-smtp', 'imap.acme.test', 1993, "
                + literal(imapSecurity) + ", " + imapSsl + ", NULL, 'inbox', 'v1:sealed-imap')");

        SchemaMigrations.migrate(database);

        MailSettings settings = storedSettings(SettingsSlot.ACTIVE).getSettings();
        MailServer smtp = settings.getOutgoing();
        assertEquals(outgoing, smtp.getSecurity());
        assertEquals(outgoing == TransportSecurity.SSL_TLS, smtp.isSsl(), "Use SSL shows the encryption");
        assertEquals(Protocol.SMTP.defaultPort(outgoing), smtp.effectivePort(Protocol.SMTP));
        assertEquals("smtp.acme.test", smtp.getHost());
        assertTrue(smtp.isTrustCertificate());
        assertEquals(AuthMethod.PASSWORD, smtp.getAuthMethod(), "the authentication switch became a password");
        assertFalse(smtp.getOauth().isConnected());
        assertEquals("mailer", smtp.getUsername());
        assertEquals("v1:sealed-smtp", smtp.getPasswordSealed());
        MailServer imap = settings.getIncoming();
        assertEquals(incoming, imap.getSecurity());
        assertEquals(1993, imap.effectivePort(Protocol.IMAP));
        assertFalse(imap.isTrustCertificate(), "a switch never set is off");
        assertEquals(AuthMethod.PASSWORD, imap.getAuthMethod(), "the incoming account signs in with its password");
        assertEquals("inbox", imap.getUsername());
        assertEquals("v1:sealed-imap", imap.getPasswordSealed());
        assertEquals("ops@acme.test", settings.getReplyTo());
        assertFalse(settings.isUseSystemReply());
        assertEquals("Acme Ops", settings.getApplicationName());
        assertFalse(settings.isRepliesToIncoming(), "replies go where they went before: the documented rule");
        assertEquals(Duration.ofMinutes(1), settings.effectivePollInterval());
        assertEquals(Duration.ofDays(7), settings.effectiveBacklogAge());
        assertEquals(25L * 1024 * 1024, settings.effectiveMaxMessageBytes());
    }

    /**
     * Addresses stored before verification existed were set by administrators or by their owners when nobody
     * could be asked to confirm one; existing installations must go on sending as before, so they count as
     * verified. New rows say what they are.
     */
    @Test
    void addressesFromBeforeTheUpgradeAreVerifiedAndNewOnesSayWhatTheyAre() throws SQLException {
        script(ECLIPSELINK_0_1);
        execute("INSERT INTO contact (id, first_name, last_name, active, version) VALUES (3, 'Bob', 'Baker', TRUE,"
                + " 1)");
        execute("INSERT INTO contact_email (contact_id, address, is_default) VALUES (3, 'bob@acme.test', TRUE)");
        execute("INSERT INTO contact_email (contact_id, address, is_default) VALUES (3, 'bob@home.test', FALSE)");

        SchemaMigrations.migrate(database);

        EntityManager em = entityManager();
        Contact old = em.find(Contact.class, 3L);
        assertEquals(List.of(true, true), old.getEmails().stream().map(ContactEmail::isVerified).toList());
        assertEquals("bob@acme.test", old.verifiedDefaultEmail().orElseThrow());

        em.getTransaction().begin();
        Contact fresh = new Contact("Ann", "Able");
        fresh.addEmail("ann@acme.test", false);
        em.persist(fresh);
        fresh.startConfirmation("ann@acme.test", "0123456789abcdef0123456789abcdef", Instant.now());
        em.getTransaction().commit();
        em.clear();

        Contact read = em.find(Contact.class, fresh.getId());
        assertTrue(read.isDefaultEmailUnverified());
        assertEquals("0123456789abcdef0123456789abcdef", read.getEmails().get(0).getConfirmationNonce());
        em.getTransaction().begin();
        assertTrue(read.confirm("ann@acme.test", "0123456789abcdef0123456789abcdef"));
        em.getTransaction().commit();
        em.clear();
        assertEquals("ann@acme.test", em.find(Contact.class, fresh.getId()).verifiedDefaultEmail().orElseThrow(),
                "a confirmation changed inside the address list is stored");
    }

    @Test
    void theHistoryKeepsItsOldEntriesAndGoesOnWithNewOnes() throws SQLException {
        script(ECLIPSELINK_0_1);
        execute("INSERT INTO settings_audit (id, at, actor, action, summary, changes) VALUES (7,"
                + " TIMESTAMP '2026-11-20 10:00:00', 'admin', 'SAVED', 'Saved; takes effect at the next restart',"
                + " 'Outgoing encryption: None → SSL/TLS' || CHAR(10) || 'Outgoing password: changed')");
        execute("UPDATE id_generator SET seq_count = 10 WHERE seq_name = 'settings_audit'");

        SchemaMigrations.migrate(database);

        EntityManager em = entityManager();
        AuditEntry old = em.find(AuditEntry.class, 7L);
        assertEquals(List.of(), old.getChanges());
        assertEquals("Outgoing encryption: None → SSL/TLS\nOutgoing password: changed", old.getRecordedText());
        assertEquals(AuditEntry.Action.SAVED, old.getAction());

        MailSettings before = new MailSettings();
        MailSettings after = before.copy();
        after.getIncoming().setSecurity(TransportSecurity.STARTTLS);
        em.getTransaction().begin();
        AuditEntry fresh = new AuditEntry(Instant.now(), "admin", AuditEntry.Action.SAVED, "Saved",
                List.of(SettingsChange.of(MailSettings.Field.INCOMING_SECURITY, before, after)));
        em.persist(fresh);
        em.getTransaction().commit();
        em.clear();

        AuditEntry read = em.find(AuditEntry.class, fresh.getId());
        assertTrue(fresh.getId() > 7, "ids go on after the old ones: " + fresh.getId());
        assertEquals(1, read.getChanges().size());
        assertEquals(MailSettings.Field.INCOMING_SECURITY, read.getChanges().get(0).getField());
        assertEquals("STARTTLS", read.getChanges().get(0).getAfter());
        assertNull(read.getRecordedText());
    }

    @Test
    void newSettingsAreStoredAndReadInTheNewShape() throws SQLException {
        SchemaMigrations.migrate(database);
        MailSettings settings = new MailSettings();
        settings.getOutgoing().setHost("smtp.acme.test");
        settings.getOutgoing().setSecurity(TransportSecurity.STARTTLS);
        settings.getIncoming().setHost("imap.acme.test");
        settings.getIncoming().setSsl(true);

        EntityManager em = entityManager();
        em.getTransaction().begin();
        em.persist(new StoredMailSettings(SettingsSlot.PENDING, settings, SettingsSource.CONSOLE, Instant.now(),
                "admin"));
        em.getTransaction().commit();
        em.clear();

        MailSettings read = storedSettings(SettingsSlot.PENDING).getSettings();
        assertEquals(TransportSecurity.STARTTLS, read.getOutgoing().getSecurity());
        assertEquals(TransportSecurity.SSL_TLS, read.getIncoming().getSecurity());
        assertEquals(993, read.getIncoming().effectivePort(Protocol.IMAP));
        assertEquals(List.of(), read.changedFields(settings));
    }

    @Test
    void theLongestPasswordTheEmailPageAcceptsIsStoredSealedOnBothServers() throws SQLException {
        SchemaMigrations.migrate(database);
        SecretBox box = SecretBox.withKey(new byte[32]);
        // Three UTF-8 bytes per character: the longest a password of this many characters seals to.
        String longest = "€".repeat(MailPassword.MAX_LENGTH);
        MailSettings settings = new MailSettings();
        settings.getOutgoing().setPasswordSealed(box.seal(SecretField.SMTP_PASSWORD, longest));
        settings.getIncoming().setPasswordSealed(box.seal(SecretField.IMAP_PASSWORD, longest));

        EntityManager em = entityManager();
        em.getTransaction().begin();
        em.persist(new StoredMailSettings(SettingsSlot.PENDING, settings, SettingsSource.CONSOLE, Instant.now(),
                "admin"));
        em.getTransaction().commit();
        em.clear();

        MailSettings read = storedSettings(SettingsSlot.PENDING).getSettings();
        assertEquals(longest, box.open(SecretField.SMTP_PASSWORD, read.getOutgoing().getPasswordSealed()));
        assertEquals(longest, box.open(SecretField.IMAP_PASSWORD, read.getIncoming().getPasswordSealed()));
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

    private void script(String resource) throws SQLException {
        execute("RUNSCRIPT FROM 'classpath:/" + resource + "' CHARSET 'UTF-8'");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String literal(String text) {
        return text == null ? "NULL" : "'" + text + "'";
    }
}
