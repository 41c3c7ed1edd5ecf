package dev.postmaster.outbox;

import static dev.postmaster.Eventually.await;
import static dev.postmaster.Eventually.never;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.ApplicationDatabase;
import dev.postmaster.Deployments;
import dev.postmaster.Eventually;
import dev.postmaster.FakeSmtpServer;
import dev.postmaster.MailServerSandbox;
import dev.postmaster.fixtures.TestMailSettings;
import dev.postmaster.mailruntime.boundary.MailRuntime;
import dev.postmaster.outbox.boundary.Outbox;
import dev.postmaster.outbox.boundary.OutboxDrainer;
import dev.postmaster.outbox.control.OutboxStore;
import dev.postmaster.outbox.entity.OutboxMessage;
import dev.postmaster.outbox.entity.OutboxStatus;
import dev.postmaster.settings.boundary.MailSettingsService;
import dev.postmaster.settings.entity.MailSettings;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The durable outbox inside the running application, against a fake SMTP server started in the same JVM (it
 * can answer 550 and 451, which GreenMail cannot): mail queued in one transaction leaves over one connection;
 * a permanent refusal fails and can be resent; a temporary one is deferred; a server that is down defers
 * everything and, once back, gets every message exactly once; a dead drainer's claim is taken back only when its
 * lease has run out; and a rolled back transaction sends nothing.
 */
@ExtendWith(ArquillianExtension.class)
class OutboxIT {

    private static final int PORT = 13026;

    @Deployment
    static WebArchive deployment() {
        return Deployments.postmaster().inContainer()
                .withFixtures(FakeSmtpServer.class, MailServerSandbox.class, TestMailSettings.class,
                        ApplicationDatabase.class, Eventually.class).build();
    }

    @Inject
    Outbox outbox;

    @Inject
    OutboxDrainer drainer;

    @Inject
    OutboxStore store;

    @Inject
    MailSettingsService settingsService;

    @Inject
    MailRuntime runtime;

    private FakeSmtpServer server;

    @BeforeEach
    void pointTheApplicationAtTheFakeServer() throws Exception {
        server = FakeSmtpServer.start(PORT);
        MailSettings settings = TestMailSettings.outgoingTo(PORT);
        settings.setConnectTimeoutSeconds(2);
        settings.setReadTimeoutSeconds(5);
        settingsService.save(settings, null, null, "admin");
        runtime.applyNow("admin");
        awaitQuiet();
    }

    @AfterEach
    void stopTheServer() throws Exception {
        server.close();
    }

    @Test
    void mailQueuedTogetherLeavesOverOneConnection() throws Exception {
        UserTransaction transaction = InitialContext.doLookup("java:comp/UserTransaction");
        List<Long> ids = new ArrayList<>();
        transaction.begin();
        for (int i = 0; i < 5; i++) {
            ids.add(outbox.enqueue(mail("one-connection-" + i + "@postmaster.test"), "test"));
        }
        transaction.commit();

        awaitStatus(ids, OutboxStatus.SENT);

        assertEquals(1, server.connections(), "each message opened a connection of its own");
        for (Long id : ids) {
            OutboxMessage sent = store.byId(id).orElseThrow();
            assertEquals(1, sent.getAttempts());
            assertNotNull(sent.getSentAt());
            assertTrue(sent.getLastReply().startsWith("250 2.0.0"), sent.getLastReply());
            assertTrue(server.acceptedMessageIds().contains(sent.getMessageId()));
        }
    }

    /**
     * "Parallel connections" is followed: with 1 the outbox never has two sessions open, with 3 it has exactly 3
     * open at once. (A pass begun while sending was held used to run on with only the senders that looked after
     * the release: 1 or 2 of the 3.)
     */
    @Test
    void parallelConnectionsShareTheQueueAndEachMailLeavesOnce() throws Exception {
        server.slowly(Duration.ofMillis(10));
        sendHeldBurst(1, 100, "one-at-a-time");
        assertEquals(1, server.mostAtOnce(), "one connection was allowed");

        server.close();
        server = FakeSmtpServer.start(PORT + 100).slowly(Duration.ofMillis(10));
        List<Long> ids = sendHeldBurst(3, 400, "parallel");
        assertEquals(3, server.mostAtOnce(), "3 connections allowed");
        List<String> accepted = server.acceptedMessageIds();
        assertEquals(400, accepted.size(), "a mail was sent twice or not at all");
        assertEquals(400, accepted.stream().distinct().count(), "a mail was sent twice");
        assertTrue(server.connections() <= 3 * 2, "connections were not kept from batch to batch: "
                + server.connections());
        ids.forEach(id -> assertEquals(1, store.byId(id).orElseThrow().getAttempts()));
    }

    /** Queues {@code count} mails while sending is held, releases it with {@code connections}, waits for all. */
    private List<Long> sendHeldBurst(int connections, int count, String name) throws Exception {
        MailSettings settings = settingsService.current();
        settings.getOutgoing().setPort(server.port());
        settings.setSmtpConnections(connections);
        settingsService.save(settings, null, null, "admin");
        runtime.applyNow("admin");
        awaitQuiet();
        List<Long> ids = new ArrayList<>();
        outbox.hold("admin");
        try {
            UserTransaction transaction = InitialContext.doLookup("java:comp/UserTransaction");
            transaction.begin();
            for (int i = 0; i < count; i++) {
                ids.add(outbox.enqueue(mail(name + "-" + i + "@postmaster.test"), "test"));
            }
            transaction.commit();
        } finally {
            outbox.release("admin");
        }
        awaitStatus(ids, OutboxStatus.SENT);
        return ids;
    }

    @Test
    void aServerThatHangsUpAfterAFewMailsIsDialledAgainAndNothingIsDeferred() throws Exception {
        server.hangUpAfter(4);
        UserTransaction transaction = InitialContext.doLookup("java:comp/UserTransaction");
        List<Long> ids = new ArrayList<>();
        transaction.begin();
        for (int i = 0; i < 10; i++) {
            ids.add(outbox.enqueue(mail("hang-up-" + i + "@postmaster.test"), "test"));
        }
        transaction.commit();

        awaitStatus(ids, OutboxStatus.SENT);
        assertTrue(server.connections() >= 3, "10 mails at 4 a session need 3 sessions: " + server.connections());
        assertEquals(10, server.acceptedMessageIds().stream().distinct().count());
        assertEquals(10, server.acceptedMessageIds().size(), "a mail was sent twice");
        ids.forEach(id -> assertEquals(1, store.byId(id).orElseThrow().getAttempts(), "a mail was deferred"));
    }

    @Test
    void aPermanentRefusalFailsAndCanBeResent() {
        long id = outbox.enqueue(mail("reject-me@postmaster.test"), "test");
        awaitStatus(List.of(id), OutboxStatus.FAILED);

        OutboxMessage failed = store.byId(id).orElseThrow();
        assertTrue(failed.getLastReply().startsWith("550 5.1.1"), failed.getLastReply());
        assertEquals(1, failed.getAttempts());

        assertTrue(store.resend(id, Instant.now()));
        drainer.kick();
        await(() -> store.byId(id).orElseThrow().getAttempts() == 2
                && store.byId(id).orElseThrow().getStatus() == OutboxStatus.FAILED);
    }

    @Test
    void aTemporaryRefusalIsDeferredWithBackOff() {
        Instant before = Instant.now();
        long id = outbox.enqueue(mail("later@postmaster.test"), "test");
        awaitStatus(List.of(id), OutboxStatus.DEFERRED);

        OutboxMessage deferred = store.byId(id).orElseThrow();
        assertTrue(deferred.getLastReply().startsWith("451 4.7.1"), deferred.getLastReply());
        assertTrue(deferred.getNextAttemptAt().isAfter(before.plusSeconds(25)), "no back-off before the retry");
    }

    @Test
    void aServerThatIsDownDefersEverythingAndLaterGetsEachMessageOnce() throws Exception {
        server.close();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(outbox.enqueue(mail("while-down-" + i + "@postmaster.test"), "test"));
        }
        awaitStatus(ids, OutboxStatus.DEFERRED);
        ids.forEach(id -> assertTrue(store.byId(id).orElseThrow().getLastError().contains("Connection refused"),
                store.byId(id).orElseThrow().getLastError()));

        server = FakeSmtpServer.start(PORT);
        makeDueNow(ids);
        drainer.drain();
        awaitStatus(ids, OutboxStatus.SENT);

        List<String> expected = ids.stream().map(id -> store.byId(id).orElseThrow().getMessageId()).toList();
        assertEquals(expected.size(), expected.stream().distinct().count());
        assertEquals(expected.stream().sorted().toList(), server.acceptedMessageIds().stream().sorted().toList(),
                "every message exactly once");
    }

    @Test
    void aDeadDrainersClaimIsTakenBackOnlyWhenItsLeaseRunsOut() throws Exception {
        long id = outbox.enqueue(mail("orphan@postmaster.test"), "test");
        awaitStatus(List.of(id), OutboxStatus.SENT);
        String messageId = store.byId(id).orElseThrow().getMessageId();

        // A drainer claimed the row and died: while its lease lasts, nobody else may send the row...
        claimAsDeadDrainer(id, Instant.now().plusSeconds(3600));
        drainer.drain();
        OutboxMessage held = store.byId(id).orElseThrow();
        assertEquals(OutboxStatus.SENDING, held.getStatus());
        assertEquals("dead-drainer", held.getClaimedBy());

        // ...and once the lease has run out, it is sent again: a duplicate at worst, never a loss.
        claimAsDeadDrainer(id, Instant.now().minusSeconds(1));
        drainer.drain();
        awaitStatus(List.of(id), OutboxStatus.SENT);
        assertEquals(2, server.acceptedMessageIds().stream().filter(messageId::equals).count(),
                "the resent message keeps its Message-ID");
    }

    @Test
    void heldSendingQueuesAndWaitsAndTheReleaseSendsWhatWaited() throws Exception {
        outbox.hold("admin");
        try {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(outbox.enqueue(mail("held-" + i + "@postmaster.test"), "test"));
            }
            drainer.drain();
            never(() -> ids.stream().anyMatch(id -> store.byId(id).orElseThrow().getStatus()
                    != OutboxStatus.QUEUED), Duration.ofSeconds(2), () -> "a held mail was sent or claimed");
            assertEquals(0, server.connections(), "the held outbox spoke to the server");
            assertTrue(outbox.holdState().isHeld());
            assertEquals("admin", outbox.holdState().getChangedBy());

            outbox.release("admin");
            awaitStatus(ids, OutboxStatus.SENT);
            assertFalse(outbox.holdState().isHeld());
        } finally {
            outbox.release("admin");
        }
    }

    @Test
    void aRolledBackTransactionSendsNothing() throws Exception {
        UserTransaction transaction = InitialContext.doLookup("java:comp/UserTransaction");
        transaction.begin();
        long id = outbox.enqueue(mail("never@postmaster.test"), "test");
        transaction.rollback();

        drainer.drain();
        assertTrue(store.byId(id).isEmpty(), "the row outlived its rollback");
        assertEquals(0, server.connections(), "something was sent");
    }

    @Test
    void severeLogRecordsAreMailedAtMostOnceAMinute() throws Exception {
        MailSettings settings = settingsService.current();
        settings.setErrorMailTo("ops@postmaster.test");
        settingsService.save(settings, null, null, "admin");
        runtime.applyNow("admin");
        Logger failing = Logger.getLogger("dev.postmaster.test.Failing");

        failing.log(Level.SEVERE, "boom-1: the first failure", new IllegalStateException("disk full"));
        failing.severe("boom-2");
        failing.severe("boom-3");

        await(() -> errorMails().size() == 1 && errorMails().get(0).getStatus() == OutboxStatus.SENT);
        never(() -> errorMails().size() > 1, Duration.ofMillis(500),
                () -> "more than one error mail within the minute: " + errorMails().size());
        OutboxMessage mail = errorMails().get(0);
        assertEquals("ops@postmaster.test", mail.getRecipients());
        assertTrue(mail.getSubject().contains("SEVERE: boom-1: the first failure"), mail.getSubject());
        String sent = server.acceptedMessages().get(server.acceptedMessageIds().indexOf(mail.getMessageId()));
        assertTrue(sent.contains("From: Postmaster <noreply@postmaster.test>"), sent);
        assertTrue(sent.contains("java.lang.IllegalStateException: disk full"), sent);
    }

    // --- helpers

    private List<OutboxMessage> errorMails() {
        List<OutboxMessage> all = new ArrayList<>();
        for (OutboxStatus status : OutboxStatus.values()) {
            store.withStatus(status, 0, 1000).stream().filter(m -> m.getKind().equals("error-log")).forEach(all::add);
        }
        return all;
    }

    private static MimeMessage mail(String to) throws RuntimeException {
        try {
            Properties props = new Properties();
            props.put("mail.from", "noreply@postmaster.test");
            MimeMessage message = new MimeMessage(Session.getInstance(props));
            message.setFrom(new InternetAddress("noreply@postmaster.test"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
            message.setSubject("Outbox test for " + to);
            message.setText("Hello " + to);
            return message;
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitStatus(List<Long> ids, OutboxStatus status) {
        await(() -> ids.stream().allMatch(id -> store.byId(id).map(m -> m.getStatus() == status).orElse(false)));
    }

    /** Lets a pass that an earlier test started finish, so connection counts start from zero. */
    private void awaitQuiet() {
        await(() -> store.countsByStatus().get(OutboxStatus.SENDING) == 0);
    }

    private static void claimAsDeadDrainer(long id, Instant leaseEnd) throws Exception {
        try (Connection connection = ApplicationDatabase.dataSource().getConnection();
                PreparedStatement update = connection.prepareStatement("update outbox_message set status = 'SENDING',"
                        + " claimed_by = 'dead-drainer', claimed_until = ? where id = ?")) {
            update.setTimestamp(1, Timestamp.from(leaseEnd));
            update.setLong(2, id);
            assertEquals(1, update.executeUpdate());
        }
    }

    /** Time passes: the deferred messages' next attempt is due. */
    private static void makeDueNow(List<Long> ids) throws Exception {
        try (Connection connection = ApplicationDatabase.dataSource().getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "update outbox_message set next_attempt_at = ? where id = ?")) {
            for (Long id : ids) {
                update.setTimestamp(1, java.sql.Timestamp.from(Instant.now().minusSeconds(1)));
                update.setLong(2, id);
                update.executeUpdate();
            }
        }
    }
}
