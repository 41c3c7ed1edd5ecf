package dev.postmaster.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.ApplicationDatabase;
import dev.postmaster.Deployments;
import dev.postmaster.Eventually;
import dev.postmaster.MailServerSandbox;
import dev.postmaster.fixtures.InboundMail;
import dev.postmaster.fixtures.PolledInbox;
import dev.postmaster.fixtures.TestMailSettings;
import dev.postmaster.fixtures.TestMailbox;
import dev.postmaster.inbound.boundary.InboundLog;
import dev.postmaster.inbound.boundary.InboxPoller;
import dev.postmaster.inbound.boundary.PollStatus;
import dev.postmaster.inbound.entity.InboundMessage;
import dev.postmaster.inbound.entity.InboundOutcome;
import dev.postmaster.mailruntime.boundary.MailRuntime;
import dev.postmaster.settings.boundary.MailSettingsService;
import dev.postmaster.settings.entity.MailSettings;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The inbox poller against a real IMAP server: the Dovecot that {@code scripts/dovecot.sh} runs (the Maven
 * profile {@code dovecot} starts and stops it, and tells the application where it is through the environment).
 * Only unread mail is taken in and it is marked seen only after the commit; the mailbox's UIDVALIDITY and the
 * server's UIDs are what is stored; and a mailbox of 10,000 messages is taken in while the heap stays far below
 * the size of the mailbox. This run keeps its database in an H2 file, so that the database does not count as
 * heap.
 */
@ExtendWith(ArquillianExtension.class)
class DovecotIT {

    private static final int MESSAGES = 10_000;
    private static final int MESSAGE_BYTES = 10 * 1024;

    @Deployment
    static WebArchive deployment() {
        return Deployments.postmaster().inContainer().withFixtures(MailServerSandbox.class, TestMailSettings.class,
                TestMailbox.class, TestMailbox.Held.class, InboundMail.class, PolledInbox.class, Eventually.class,
                ApplicationDatabase.class, ApplicationDatabase.Undo.class).build();
    }

    @Inject
    InboxPoller poller;

    @Inject
    InboundLog inboundLog;

    @Inject
    MailSettingsService settingsService;

    @Inject
    MailRuntime runtime;

    private final int port = Integer.parseInt(environment("POSTMASTER_DOVECOT_PORT"));
    private final String password = environment("POSTMASTER_DOVECOT_PASSWORD");
    private final Path mailStore = Path.of(environment("POSTMASTER_DOVECOT_DIR"), "mail");
    private String suffix;
    private String box;
    private TestMailbox mailbox;
    private PolledInbox inbox;

    @BeforeEach
    void aMailboxOfItsOwn() throws Exception {
        suffix = UUID.randomUUID().toString().substring(0, 8);
        box = "box-" + suffix;
        mailbox = new TestMailbox(MailServerSandbox.HOST, port, box, password);
        inbox = new PolledInbox(poller, inboundLog, box, Duration.ofMinutes(10));
    }

    @Test
    void onlyUnreadMailIsTakenInAndItIsMarkedSeenOnlyAfterTheCommit() throws Exception {
        String read = id("read");
        String before = id("before");
        String failing = id("failing");
        String after = id("after");
        mailbox.append(new Date(), true, InboundMail.plain(read, "someone@elsewhere.test", box, "Read", "r"));
        mailbox.deliver(InboundMail.plain(before, "someone@elsewhere.test", box, "Before", "1"),
                InboundMail.plain(failing, "someone@elsewhere.test", box, "Refused " + suffix, "2"),
                InboundMail.plain(after, "someone@elsewhere.test", box, "After", "3"));

        try (ApplicationDatabase.Undo refusing = ApplicationDatabase.refusingInboundSubject("Refused " + suffix)) {
            activate();
            PollStatus status = inbox.pollUntilTaken(2);
            assertEquals(List.of(failing), mailbox.unread(), "what could not be stored stays unread");
            assertEquals(1, status.notStored().size(), status.toString());
        }
        inbox.pollUntilTaken(3);

        assertEquals(List.of(after, before, failing), inbox.taken().stream().map(InboundMessage::getMessageKey)
                .sorted().toList(), "mail read before is not taken in");
        assertEquals(List.of(), mailbox.unread());
        assertEquals(4, mailbox.contents().size(), "nothing is deleted");
        assertEquals("Before", inbox.message(before).getSubject());
        assertEquals(InboundOutcome.UNMATCHED, inbox.message(before).getOutcome());
    }

    @Test
    void theMailboxsUidValidityAndTheServersUidsAreWhatIsStored() throws Exception {
        mailbox.deliver(InboundMail.plain(id("one"), "someone@elsewhere.test", box, "One", "1"),
                InboundMail.plain(id("two"), "someone@elsewhere.test", box, "Two", "2"));
        activate();
        inbox.pollUntilTaken(2);
        mailbox.deliver(InboundMail.plain(id("three"), "someone@elsewhere.test", box, "Three", "3"));
        inbox.pollUntilTaken(3);

        long uidValidity = mailbox.uidValidity();
        Map<String, Long> serverUids = new HashMap<>();
        mailbox.contents().forEach(held -> serverUids.put(held.messageId(), held.uid()));
        Map<String, Long> storedUids = new HashMap<>();
        for (InboundMessage message : inbox.taken()) {
            assertEquals(uidValidity, message.getUidValidity(), message.getMessageKey());
            storedUids.put(message.getMessageKey(), message.getUid());
        }
        assertEquals(serverUids, storedUids);
        assertEquals(uidValidity, storedUidValidity());
    }

    @Test
    void tenThousandMessagesAreTakenInWithoutTheHeapGrowingWithThem() throws Exception {
        mailbox.uidValidity(); // the first sign-in makes the maildir
        dropIntoMaildir(MESSAGES);
        assertEquals(MESSAGES, mailbox.unread().size());
        MailSettings settings = settings();
        settings.setPollIntervalSeconds(86_400);

        // The heap after a full collection against how much of the mailbox is taken in: while the first fifth
        // and while the last half goes in. What a sample reads includes what the poller allocated since the
        // collection, so the lowest sample of each part is its live heap. Memory that the poller kept per message
        // would show as the difference; what it needs per window, and the database's buffers, are in both.
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<long[]> samples = new CopyOnWriteArrayList<>();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                memory.gc();
                long used = memory.getHeapMemoryUsage().getUsed();
                samples.add(new long[] {inbox.count(), used});
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        Instant started = Instant.now();
        activate(settings);
        sampler.start();
        try {
            inbox.pollUntilTaken(MESSAGES);
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        Duration took = Duration.between(started, Instant.now());

        long early = lowest(samples, 0, MESSAGES / 5);
        long late = lowest(samples, MESSAGES / 2, MESSAGES);
        long mailboxBytes = (long) MESSAGES * MESSAGE_BYTES;
        System.out.printf("DovecotIT: %d messages (%d MB) taken in in %d s; live heap %d MB while the first fifth"
                + " went in, %d MB while the last half did (%d samples)%n", MESSAGES, mailboxBytes >> 20,
                took.toSeconds(), early >> 20, late >> 20, samples.size());
        assertTrue(late - early < mailboxBytes / 4, "the live heap grew from " + (early >> 20) + " MB to "
                + (late >> 20) + " MB while the mailbox was taken in: the poller holds on to what it read");
        assertEquals(MESSAGES, inbox.count());
        assertEquals(List.of(), mailbox.unread(), "all marked seen");
    }

    // --- helpers

    private MailSettings settings() {
        MailSettings settings = TestMailSettings.outgoingTo(MailServerSandbox.SMTP_PORT);
        settings.getIncoming().setHost(MailServerSandbox.HOST);
        settings.getIncoming().setPort(port);
        settings.getIncoming().setUsername(box);
        return settings;
    }

    private void activate() {
        activate(settings());
    }

    private void activate(MailSettings settings) {
        settingsService.save(settings, null, password, "admin");
        runtime.applyNow("admin");
    }

    private String id(String name) {
        return "<" + name + "." + suffix + "@elsewhere.test>";
    }

    /**
     * Fills the mailbox as a delivery agent does: each message written to {@code tmp/} and moved into
     * {@code new/}, with the owner of the maildir (Dovecot's user), so that Dovecot may mark it seen.
     */
    private void dropIntoMaildir(int count) throws Exception {
        Path maildir = mailStore.resolve(box);
        UserPrincipal owner = Files.getOwner(maildir.resolve("new"));
        String filler = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n")
                .repeat(MESSAGE_BYTES / 80);
        long now = Instant.now().getEpochSecond();
        for (int i = 0; i < count; i++) {
            byte[] message = InboundMail.plain(id("bulk-" + i), "someone@elsewhere.test", box, "Bulk " + i, filler)
                    .replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
            String name = now + ".M" + i + "P" + ProcessHandle.current().pid() + ".postmaster,S=" + message.length;
            Path written = Files.write(maildir.resolve("tmp").resolve(name), message);
            if (!owner.equals(Files.getOwner(written))) {
                Files.setOwner(written, owner);
            }
            Files.move(written, maildir.resolve("new").resolve(name), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The smallest heap sampled while between {@code from} and {@code to} messages were taken in. */
    private static long lowest(List<long[]> samples, long from, long to) {
        return samples.stream().filter(s -> s[0] >= from && s[0] <= to).mapToLong(s -> s[1]).min()
                .orElseThrow(() -> new AssertionError("no heap sample while " + from + " to " + to
                        + " messages were taken in"));
    }

    private long storedUidValidity() throws Exception {
        try (Connection connection = ApplicationDatabase.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT uid_validity FROM inbound_mailbox WHERE mailbox LIKE ?")) {
            query.setString(1, box + "@%");
            try (ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next(), "no state kept for " + box);
                return rows.getLong(1);
            }
        }
    }

    private static String environment(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run DovecotIT with the Maven profile dovecot"
                    + " (scripts/test.sh does), which starts Dovecot and sets it");
        }
        return value;
    }
}
