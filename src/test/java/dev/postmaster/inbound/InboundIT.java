package dev.postmaster.inbound;

import static dev.postmaster.Eventually.await;
import static dev.postmaster.Eventually.awaitValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.ApplicationDatabase;
import dev.postmaster.Deployments;
import dev.postmaster.Eventually;
import dev.postmaster.FakeSmtpServer;
import dev.postmaster.MailServerSandbox;
import dev.postmaster.TcpRelay;
import dev.postmaster.fixtures.InboundMail;
import dev.postmaster.fixtures.PolledInbox;
import dev.postmaster.fixtures.TestMailSettings;
import dev.postmaster.fixtures.TestMailbox;
import dev.postmaster.inbound.boundary.InboundLog;
import dev.postmaster.inbound.boundary.InboxLease;
import dev.postmaster.inbound.boundary.InboxPoller;
import dev.postmaster.inbound.boundary.PollStatus;
import dev.postmaster.inbound.control.InboundStore;
import dev.postmaster.inbound.control.PollerLeases;
import dev.postmaster.inbound.entity.InboundMessage;
import dev.postmaster.inbound.entity.InboundOutcome;
import dev.postmaster.mailruntime.boundary.MailRuntime;
import dev.postmaster.notification.boundary.DecisionLog;
import dev.postmaster.notification.entity.NotificationDecision;
import dev.postmaster.notification.entity.NotificationDecision.Outcome;
import dev.postmaster.notification.entity.NotificationType;
import dev.postmaster.outbox.boundary.Outbox;
import dev.postmaster.outbox.entity.OutboxMessage;
import dev.postmaster.outbox.entity.OutboxStatus;
import dev.postmaster.security.boundary.UserAccounts;
import dev.postmaster.security.entity.Role;
import dev.postmaster.settings.boundary.MailSettingsService;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.TransportSecurity;
import dev.postmaster.work.boundary.Comments;
import dev.postmaster.work.boundary.Tasks;
import dev.postmaster.work.entity.Comment;
import dev.postmaster.work.entity.RecordKind;
import dev.postmaster.work.entity.Task;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import javax.naming.InitialContext;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The inbox poller inside the running application, against GreenMail IMAP. Each test reads a mailbox of its own
 * ({@link MailServerSandbox#OPEN_IMAP_PORT}), put in and looked at over IMAP as a mail client would
 * ({@link TestMailbox}): only unread mail is taken in and nothing is deleted; {@code \Seen} is set only after the
 * commit; no message is taken in twice; replies become comments and tell the others; forged, unknown, automatic,
 * bounced, broken and oversized mail each get their outcome; a server that goes away is retried until it is back;
 * old unread mail waits for an administrator; and only the node holding the poller's lease polls.
 */
@ExtendWith(ArquillianExtension.class)
class InboundIT {

    private static final int IMAP_PORT = MailServerSandbox.OPEN_IMAP_PORT;
    /** The same server, through a relay that can be cut. */
    private static final int RELAY_PORT = 13145;
    private static final int SMTP_PORT = 13028;
    private static final String PASSWORD = "any-Pa55";

    @Deployment
    static WebArchive deployment() {
        return Deployments.postmaster().inContainer().withFixtures(FakeSmtpServer.class, MailServerSandbox.class,
                TestMailSettings.class, TestMailbox.class, TestMailbox.Held.class, InboundMail.class, PolledInbox.class,
                Eventually.class, TcpRelay.class, ApplicationDatabase.class).build();
    }

    /** Runs in the test JVM: the mail servers the application reaches over loopback. */
    @BeforeAll
    static void startMailServers() {
        MailServerSandbox.start();
        MailServerSandbox.startOpenMailboxes();
    }

    @AfterAll
    static void stopMailServers() {
        MailServerSandbox.stopOpenMailboxes();
        MailServerSandbox.stop();
    }

    @Inject
    InboxPoller poller;

    @Inject
    InboundLog inboundLog;

    @Inject
    MailSettingsService settingsService;

    @Inject
    MailRuntime runtime;

    @Inject
    UserAccounts accounts;

    @Inject
    Tasks tasks;

    @Inject
    Comments comments;

    @Inject
    DecisionLog decisions;

    @Inject
    Outbox outbox;

    @Inject
    @Readiness
    Instance<HealthCheck> readiness;

    @Inject
    MetricRegistry metrics;

    @Inject
    InboxLease lease;

    @Inject
    InboundStore store;

    private FakeSmtpServer smtp;
    private String box;
    private TestMailbox mailbox;
    private PolledInbox inbox;
    private String suffix;
    private Instant appliedAt;

    @BeforeEach
    void aMailboxOfItsOwn() throws Exception {
        smtp = FakeSmtpServer.start(SMTP_PORT);
        suffix = UUID.randomUUID().toString().substring(0, 8);
        box = "inbox-" + suffix + "@postmaster.test";
        mailbox = new TestMailbox(MailServerSandbox.HOST, IMAP_PORT, box, PASSWORD);
        inbox = new PolledInbox(poller, inboundLog, box, Duration.ofSeconds(30));
    }

    @AfterEach
    void stopServer() throws Exception {
        smtp.close();
    }

    // --- one poller in a cluster

    @Test
    void onlyTheNodeHoldingTheLeasePollsAndAnotherTakesOverWhenItRunsOut() throws Exception {
        String first = id("lease-1");
        mailbox.deliver(InboundMail.plain(first, "someone@elsewhere.test", box, "Under this node's lease", "1"));
        activate(settings());
        pollUntilTaken(1);
        long mine = lease.fence().orElseThrow();
        assertEquals(Boolean.TRUE, nodeReadiness().get("polling"));

        ApplicationDatabase.leaseHeldBy("node-elsewhere", Instant.now().plus(Duration.ofMinutes(5)));
        String second = id("lease-2");
        mailbox.deliver(InboundMail.plain(second, "someone@elsewhere.test", box, "While another node polls", "2"));
        poller.pollNow();
        assertEquals(List.of(first), taken().stream().map(InboundMessage::getMessageKey).toList(),
                "the node that does not hold the lease reads nothing");
        assertEquals(List.of(second), mailbox.unread());
        assertTrue(lease.fence().isEmpty());
        assertEquals(Optional.of("node-elsewhere"), lease.holder());
        assertEquals(Boolean.FALSE, nodeReadiness().get("polling"));
        assertEquals("node-elsewhere", nodeReadiness().get("pollingNode"));

        InboundStore.Fetched stale = new InboundStore.Fetched(box + "@stale/INBOX", 1, 999_999, id("stale"),
                Instant.now(), 10, "Subject: stale\r\n", "Subject: stale\r\n\r\nx".getBytes(StandardCharsets.UTF_8),
                1_000_000);
        assertThrows(PollerLeases.LeaseLost.class, () -> store.takeAll(List.of(stale), mine),
                "mail polled under a lease that changed hands is not stored (the fence)");
        assertThrows(PollerLeases.LeaseLost.class, () -> store.take(stale, mine));
        assertEquals(List.of(first), taken().stream().map(InboundMessage::getMessageKey).toList());

        ApplicationDatabase.leaseHeldBy("node-elsewhere", Instant.now().minusSeconds(1));
        pollUntilTaken(2);
        assertTrue(lease.fence().orElseThrow() > mine, "taken over under a new fencing token");
        assertEquals(List.of(), mailbox.unread());
    }

    // --- what is read, and when it is marked seen

    @Test
    void onlyUnreadMailIsTakenInMarkedSeenAndNothingIsDeleted() throws Exception {
        String read1 = id("read-1");
        String read2 = id("read-2");
        mailbox.append(new Date(), true, InboundMail.plain(read1, "someone@elsewhere.test", box, "Read already", "x"),
                InboundMail.plain(read2, "someone@elsewhere.test", box, "Read as well", "y"));
        List<String> unread = List.of(id("new-1"), id("new-2"), id("new-3"));
        for (String messageId : unread) {
            mailbox.deliver(InboundMail.plain(messageId, "someone@elsewhere.test", box, "Unread " + messageId,
                    "Hello"));
        }

        activate(settings());
        PollStatus status = pollUntilTaken(3);

        assertTrue(status.isHealthy(), status.toString());
        assertEquals(unread, taken().stream().map(InboundMessage::getMessageKey).sorted().toList());
        List<TestMailbox.Held> after = mailbox.contents();
        assertEquals(5, after.size(), "nothing is deleted or moved: " + after);
        assertTrue(after.stream().noneMatch(TestMailbox.Held::deleted), after.toString());
        assertTrue(after.stream().allMatch(TestMailbox.Held::seen), "all read now: " + after);
        assertTrue(taken().stream().noneMatch(m -> m.getMessageKey().equals(read1) || m.getMessageKey()
                .equals(read2)), "mail read before is not taken in");
        InboundMessage first = taken().stream().filter(m -> m.getMessageKey().equals(unread.get(0))).findFirst()
                .orElseThrow();
        assertEquals(InboundOutcome.UNMATCHED, first.getOutcome());
        assertEquals("someone@elsewhere.test", first.getFrom());
        assertEquals("Unread " + unread.get(0), first.getSubject());
        assertEquals("Hello", first.getTextBody().strip());
        assertTrue(first.getHeaders().contains("Message-ID: " + unread.get(0)), first.getHeaders());

        poller.pollNow();
        assertEquals(3, taken().size(), "a second poll finds nothing new");
    }

    @Test
    void seenIsSetOnlyAfterTheCommitSoAMessageThatCannotBeStoredStaysUnread() throws Exception {
        String before = id("before");
        String failing = id("failing");
        String after = id("after");
        mailbox.deliver(InboundMail.plain(before, "someone@elsewhere.test", box, "Before", "1"),
                InboundMail.plain(failing, "someone@elsewhere.test", box, "Cannot be stored " + suffix, "2"),
                InboundMail.plain(after, "someone@elsewhere.test", box, "After", "3"));
        try (ApplicationDatabase.Undo refusing = ApplicationDatabase.refusingInboundSubject("Cannot be stored "
                + suffix)) {
            activate(settings());
            PollStatus status = pollUntilTaken(2);

            assertEquals(List.of(after, before), taken().stream().map(InboundMessage::getMessageKey).sorted()
                    .toList());
            assertEquals(List.of(failing), mailbox.unread(), "only what was stored is marked seen");
            assertEquals(1, status.notStored().size(), status.toString());
            assertTrue(status.notStored().get(0).startsWith("UID " + mailbox.find(failing).uid()),
                    status.notStored().toString());
        }

        pollUntilTaken(3);
        assertEquals(List.of(), mailbox.unread());
        assertEquals(List.of(), poller.status().notStored());
    }

    @Test
    void noMessageIsTakenInTwiceWhenItComesTwiceOrPollNowRacesTheTimer() throws Exception {
        String twice = id("twice");
        String copy = InboundMail.plain(twice, "someone@elsewhere.test", box, "Delivered twice", "same");
        String noId = InboundMail.withoutMessageId("someone@elsewhere.test", box, "No Message-ID " + suffix,
                "Tue, 1 Dec 2026 10:00:00 +0000", "same");
        mailbox.deliver(copy, copy, noId, noId);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            many.add(id("many-" + i));
            mailbox.deliver(InboundMail.plain(many.get(i), "someone@elsewhere.test", box, "Many " + i, "n"));
        }

        activate(settings());
        // the timer's first poll is due a second after Apply now; three Poll now clicks join it or follow it
        ExecutorService executor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        List<Future<PollStatus>> clicks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clicks.add(executor.submit((Callable<PollStatus>) poller::pollNow));
        }
        for (Future<PollStatus> click : clicks) {
            click.get();
        }
        pollUntilTaken(32);

        List<String> keys = taken().stream().map(InboundMessage::getMessageKey).toList();
        assertEquals(32, keys.size(), keys.toString());
        assertEquals(32, keys.stream().distinct().count(), "each once: " + keys);
        assertTrue(keys.contains(twice));
        assertEquals(1, keys.stream().filter(k -> k.startsWith("sha256:")).count(),
                "a message without a Message-ID is known by a digest of its headers: " + keys);
        assertEquals(List.of(), mailbox.unread(), "the second copies are marked seen as well");
        assertEquals(34, mailbox.contents().size(), "every copy is still in the mailbox");
    }

    // --- replies

    @Test
    void aReplyBecomesACommentWithoutTheQuoteAndTellsTheOthers() throws Exception {
        activate(settings());
        String alice = user("alice");
        String bob = user("bob");
        Task task = tasks.create("Renew the TLS certificate " + suffix, LocalDate.of(2026, 12, 24), bob, alice);
        MimeMessage notification = notificationTo(task, bob);
        assertEquals(box, notification.getHeader("Reply-To")[0].replaceAll(".*<|>.*", ""),
                "replies go to the incoming mailbox: " + notification.getHeader("Reply-To")[0]);
        assertEquals("auto-generated", notification.getHeader("Auto-Submitted")[0]);
        assertEquals("All", notification.getHeader("X-Auto-Response-Suppress")[0]);

        String reply = id("reply");
        mailbox.deliver(InboundMail.reply(reply, "Bob Baker <" + bob + "@acme.test>", box,
                "Re: " + notification.getSubject(), notification.getMessageID(), """
                        Done: the new certificate is installed.
                        It expires in 2027.

                        On Tue, Dec 1, 2026 at 10:00 AM Acme <noreply@acme.test>
                        wrote:
                        > Alice assigned you a task: Renew the TLS certificate
                        > Due 2026-12-24
                        """));
        pollUntilTaken(1);

        InboundMessage taken = taken().get(0);
        assertEquals(InboundOutcome.REPLY_THREADED, taken.getOutcome(), taken.getReason());
        assertEquals(RecordKind.TASK, taken.getRecordKind());
        assertEquals(task.getId(), taken.getRecordId());
        assertEquals(bob, taken.getAuthor());
        List<Comment> onTask = comments.about(RecordKind.TASK, task.getId());
        assertEquals(1, onTask.size());
        assertEquals(bob, onTask.get(0).getAuthor());
        assertEquals("Done: the new certificate is installed.\nIt expires in 2027.", onTask.get(0).getBody());
        assertEquals("mail", onTask.get(0).getOrigin());

        NotificationDecision toAlice = awaitValue(() -> decisions.about(RecordKind.TASK, task.getId()).stream()
                .filter(d -> d.getType() == NotificationType.REPLY_RECEIVED && d.getRecipient().equals(alice))
                .findFirst());
        assertEquals(Outcome.QUEUED, toAlice.getOutcome(), toAlice.getReason());
        await(() -> outbox.find(toAlice.getOutboxId()).map(m -> m.getStatus() == OutboxStatus.SENT).orElse(false));
        String told = smtp.acceptedMessages().get(smtp.acceptedMessageIds()
                .indexOf(outbox.find(toAlice.getOutboxId()).orElseThrow().getMessageId()));
        assertTrue(told.contains("Done: the new certificate is installed."), told);
        assertTrue(decisions.about(RecordKind.TASK, task.getId()).stream().noneMatch(d -> d.getType()
                == NotificationType.REPLY_RECEIVED && d.getRecipient().equals(bob)), "the author is not told");

        mailbox.deliver(InboundMail.reply(id("reply-again"), bob + "@acme.test", box, "Re: again",
                notification.getMessageID(), "Still done.\n"));
        pollUntilTaken(2);
        assertEquals(2, comments.about(RecordKind.TASK, task.getId()).size(), "a token can be answered again");
    }

    @Test
    void aForgedFromAnotherPersonsTokenAForgedTokenAndAStrangerStayUnmatched() throws Exception {
        activate(settings());
        String alice = user("alice");
        String bob = user("bob");
        String carol = user("carol");
        Task task = tasks.create("Rotate the keys " + suffix, LocalDate.of(2026, 12, 24), bob, alice);
        String token = notificationTo(task, bob).getMessageID();
        String otherRecord = token.replaceFirst("task-\\d+", "task-" + (task.getId() + 1));

        String forgedFrom = id("forged-from");
        String carolsReply = id("carol");
        String forgedToken = id("forged-token");
        String stranger = id("stranger");
        mailbox.deliver(
                InboundMail.reply(forgedFrom, "Bob Baker <bob@attacker.test>", box, "Re: keys", token, "Mine.\n"),
                InboundMail.reply(carolsReply, carol + "@acme.test", box, "Re: keys", token, "Me too.\n"),
                InboundMail.reply(forgedToken, bob + "@acme.test", box, "Re: keys", otherRecord, "Other.\n"),
                InboundMail.plain(stranger, "stranger@elsewhere.test", box, "Hello", "Who are you?\n"));
        pollUntilTaken(4);

        for (InboundMessage message : taken()) {
            assertEquals(InboundOutcome.UNMATCHED, message.getOutcome(), message.getMessageKey());
            assertNull(message.getRecordId(), message.getMessageKey());
        }
        assertTrue(reason(forgedFrom).contains("bob@attacker.test, who is not " + bob), reason(forgedFrom));
        assertTrue(reason(carolsReply).contains("who is not " + bob), reason(carolsReply));
        assertTrue(reason(forgedToken).startsWith("No valid reply token"), reason(forgedToken));
        assertTrue(reason(stranger).startsWith("No valid reply token"), reason(stranger));
        assertEquals(List.of(), comments.about(RecordKind.TASK, task.getId()));
        assertEquals(List.of(), comments.about(RecordKind.TASK, task.getId() + 1));
    }

    @Test
    void automaticMailIsLoggedAndNeverAnswered() throws Exception {
        activate(settings());
        String alice = user("alice");
        String bob = user("bob");
        Task task = tasks.create("Answer the auditors " + suffix, LocalDate.of(2026, 12, 24), bob, alice);
        String token = notificationTo(task, bob).getMessageID();
        int mailsBefore = smtp.acceptedMessages().size();

        String outOfOffice = id("ooo");
        String list = id("list");
        String nullSender = id("null-sender");
        String bulk = id("bulk");
        mailbox.deliver(
                InboundMail.reply(outOfOffice, bob + "@acme.test", box, "Automatic reply: Answer the auditors", token,
                        "I am out of the office until January.\n", "Auto-Submitted: auto-replied"),
                InboundMail.reply(list, bob + "@acme.test", box, "[ops] digest", token, "Digest\n",
                        "List-Id: Ops <ops.lists.acme.test>"),
                InboundMail.reply(bulk, bob + "@acme.test", box, "Newsletter", token, "News\n",
                        "Precedence: bulk"),
                InboundMail.reply(nullSender, bob + "@acme.test", box, "Re: auditors", token, "Away\n",
                        "Return-Path: <>"));
        pollUntilTaken(4);

        for (InboundMessage message : taken()) {
            assertEquals(InboundOutcome.AUTO_REPLY_IGNORED, message.getOutcome(), message.getMessageKey());
        }
        assertTrue(reason(outOfOffice).contains("Auto-Submitted: auto-replied"), reason(outOfOffice));
        assertTrue(reason(list).contains("List-Id"), reason(list));
        assertTrue(reason(nullSender).contains("empty Return-Path"), reason(nullSender));
        assertTrue(reason(bulk).contains("Precedence: bulk"), reason(bulk));
        assertEquals(List.of(), comments.about(RecordKind.TASK, task.getId()));
        Eventually.never(() -> smtp.acceptedMessages().size() > mailsBefore, Duration.ofSeconds(2),
                () -> "automatic mail is never answered: " + smtp.acceptedMessages());
    }

    // --- bounces

    @Test
    void aBounceIsMatchedToItsOutboxMessageAndRepeatedOnesStopMailToTheAddress() throws Exception {
        activate(settings());
        String alice = user("alice");
        String dave = user("dave");
        String address = dave + "@acme.test";
        List<Long> sent = new ArrayList<>();
        List<Task> bounced = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Task task = tasks.create("Bounce " + i + " " + suffix, LocalDate.of(2026, 12, 24), dave, alice);
            MimeMessage notification = notificationTo(task, dave);
            bounced.add(task);
            sent.add(decisionFor(task, dave).getOutboxId());
            mailbox.deliver(InboundMail.bounce(id("bounce-" + i), box, address, notification.getMessageID(),
                    "5.1.1", "smtp; 550 5.1.1 <" + address + ">: Recipient address rejected: User unknown"));
            pollUntilTaken(i + 1);
        }

        for (InboundMessage report : taken()) {
            assertEquals(InboundOutcome.BOUNCE, report.getOutcome(), report.getReason());
            assertTrue(sent.contains(report.getOutboxId()), report.getOutboxId() + " in " + sent);
            assertTrue(report.getReason().contains("failed 5.1.1"), report.getReason());
        }
        OutboxMessage first = outbox.find(sent.get(0)).orElseThrow();
        assertNotNull(first.getBouncedAt());
        assertTrue(first.getBounceDetail().contains("550 5.1.1"), first.getBounceDetail());
        NotificationDecision decision = decisionFor(bounced.get(0), dave);
        assertTrue(decision.getBounce().startsWith("bounced: failed 5.1.1"), decision.getBounce());
        assertTrue(outbox.isBouncing(address), "three hard bounces mark the address");

        Task skipped = tasks.create("After the bounces " + suffix, LocalDate.of(2026, 12, 24), dave, alice);
        NotificationDecision notSent = decisionFor(skipped, dave);
        assertEquals(Outcome.SKIPPED, notSent.getOutcome());
        assertEquals(NotificationDecision.ADDRESS_BOUNCES, notSent.getReason());

        outbox.clearBounce(address);
        Task again = tasks.create("After clearing " + suffix, LocalDate.of(2026, 12, 24), dave, alice);
        assertEquals(Outcome.QUEUED, decisionFor(again, dave).getOutcome());
    }

    // --- broken and large mail

    @Test
    void brokenMailIsKeptAsFarAsItCanBeReadAndOversizedMailOnlyByItsHeaders() throws Exception {
        String charset = id("charset");
        String base64 = id("base64");
        String boundary = id("boundary");
        String large = id("large");
        String bare = id("bare");
        String fine = id("fine");
        mailbox.deliver(
                InboundMail.raw(charset, box, "Unknown charset", "text/plain; charset=x-no-such-charset", "8bit",
                        "Grüße aus Köln"),
                InboundMail.raw(base64, box, "Bad base64", "text/plain; charset=utf-8", "base64",
                        "SGVsbG8gd29ybGQ=\n!!!not base64 at all***"),
                InboundMail.raw(boundary, box, "Missing boundary", "multipart/mixed; boundary=\"not-there\"", "7bit",
                        "--something-else\nContent-Type: text/plain\n\nnot lost\n--something-else--"),
                InboundMail.plain(large, "someone@elsewhere.test", box, "Large",
                        ("x".repeat(99) + "\n").repeat(310_000)),
                InboundMail.plain(bare, "someone@elsewhere.test", "undisclosed-recipients:;, team", "Bare names",
                        "addresses without a domain"),
                InboundMail.plain(fine, "someone@elsewhere.test", box, "Fine", "after the broken ones"));
        activate(settings()); // the default limit: 25 MB, and the large message is 31 MB
        pollUntilTaken(6);

        assertEquals(InboundOutcome.UNREADABLE, outcome(charset));
        assertTrue(reason(charset).contains("x-no-such-charset"), reason(charset));
        assertEquals(InboundOutcome.UNREADABLE, outcome(base64));
        assertTrue(reason(base64).toLowerCase().contains("base64"), reason(base64));
        assertTrue(message(base64).getTextBody().startsWith("Hello world"), message(base64).getTextBody());
        assertEquals(InboundOutcome.UNREADABLE, outcome(boundary));
        assertTrue(reason(boundary).contains("multipart"), reason(boundary));
        assertTrue(message(boundary).getTextBody().contains("not lost"), message(boundary).getTextBody());
        assertEquals(InboundOutcome.TOO_LARGE, outcome(large));
        assertTrue(reason(large).startsWith("Larger than 25.0 MB"), reason(large));
        assertTrue(message(large).getHeaders().contains("Subject: Large"), message(large).getHeaders());
        assertNull(message(large).getTextBody());
        assertTrue(message(large).getSize() > 30_000_000, String.valueOf(message(large).getSize()));
        assertEquals(InboundOutcome.UNMATCHED, outcome(bare));
        assertEquals("undisclosed-recipients:;, team", message(bare).getTo());
        assertEquals(InboundOutcome.UNMATCHED, outcome(fine), "the mail after the broken ones is read");
        assertEquals(List.of(), mailbox.unread(), "all marked seen, the large one too");
    }

    // --- failures

    @Test
    void aServerThatIsDownIsRetriedSoonAndTheNextPollAfterItIsBackSucceeds() throws Exception {
        try (TcpRelay relay = TcpRelay.start(RELAY_PORT, IMAP_PORT)) {
            MailSettings settings = settings();
            settings.getIncoming().setPort(RELAY_PORT);
            settings.setPollIntervalSeconds(3600);
            relay.cut();
            activate(settings);

            PollStatus down = freshPoll();
            assertFalse(down.isHealthy(), down.toString());
            assertEquals("Connect", down.failedStep(), down.toString());
            assertTrue(down.failure().contains("Connection refused"), down.failure());
            assertNotNull(down.hint());
            HealthCheckResponse check = inboxReadiness();
            assertEquals(HealthCheckResponse.Status.DOWN, check.getStatus());
            assertTrue(check.getData().orElseThrow().get("reason").toString().contains("failed at Connect"),
                    check.getData().toString());
            PollStatus retrying = awaitValue(() -> Optional.of(poller.status())
                    .filter(s -> s.failures() >= 1 && s.nextRunAt() != null));
            assertTrue(retrying.nextRunAt().isBefore(Instant.now().plusSeconds(60)),
                    "retried soon, not after the hour's interval: " + retrying.nextRunAt());

            String whileDown = id("while-down");
            mailbox.deliver(InboundMail.plain(whileDown, "someone@elsewhere.test", box, "While down", "hello"));
            relay.restore();
            PollStatus back = awaitValue(() -> Optional.of(poller.status())
                    .filter(s -> s.isHealthy() && s.lastSuccessAt() != null), Duration.ofSeconds(60),
                    () -> "the retry timer did not poll again: " + poller.status());
            assertEquals(0, back.failures());
            assertEquals(List.of(whileDown), taken().stream().map(InboundMessage::getMessageKey).toList());
            assertEquals(HealthCheckResponse.Status.UP, inboxReadiness().getStatus());
        }
    }

    @Test
    void aRefusedSignInAndATlsErrorNameTheStepAndTheServersReply() throws Exception {
        MailSettings wrongPassword = TestMailSettings.sandbox();
        wrongPassword.getOutgoing().setPort(SMTP_PORT);
        activate(wrongPassword, "not-the-password");
        PollStatus refused = freshPoll();
        assertEquals("Sign in", refused.failedStep(), refused.toString());
        assertTrue(refused.failure().contains("LOGIN failed"), refused.failure());
        assertTrue(refused.hint().toLowerCase().contains("password"), refused.hint());

        MailSettings tlsOnPlain = settings();
        tlsOnPlain.getIncoming().setSecurity(TransportSecurity.SSL_TLS);
        tlsOnPlain.getIncoming().setPort(IMAP_PORT);
        activate(tlsOnPlain);
        PollStatus tls = freshPoll();
        assertFalse(tls.isHealthy(), tls.toString());
        assertEquals("TLS handshake", tls.failedStep(), tls.toString());
        assertNotNull(tls.hint());
        assertTrue(tls.hint().contains("SSL/TLS") || tls.hint().contains("TLS"), tls.hint());
    }

    @Test
    void incomingMailThatIsOffStopsThePollerWithTheReason() {
        MailSettings noIncoming = TestMailSettings.outgoingTo(SMTP_PORT);
        settingsService.save(noIncoming, null, null, "admin");
        runtime.applyNow("admin");

        PollStatus off = poller.status();
        assertFalse(off.isOn());
        assertNotNull(off.offReason());
        assertEquals(HealthCheckResponse.Status.DOWN, inboxReadiness().getStatus());
        assertTrue(inboxReadiness().getData().orElseThrow().get("reason").toString().contains("off"));
    }

    // --- the first connect

    @Test
    void oldUnreadMailIsHeldBackUntilAnAdministratorTakesItIn() throws Exception {
        Date monthAgo = Date.from(Instant.now().minus(Duration.ofDays(30)));
        String old1 = id("old-1");
        String old2 = id("old-2");
        String recent = id("recent");
        mailbox.append(monthAgo, false, InboundMail.plain(old1, "someone@elsewhere.test", box, "Old 1", "o"),
                InboundMail.plain(old2, "someone@elsewhere.test", box, "Old 2", "o"));
        mailbox.deliver(InboundMail.plain(recent, "someone@elsewhere.test", box, "Recent", "r"));

        activate(settings());
        PollStatus first = pollUntilTaken(1);
        assertEquals(2, first.backlog(), first.toString());
        assertTrue(first.isBacklogHeld());
        assertEquals(List.of(recent), taken().stream().map(InboundMessage::getMessageKey).toList());
        assertEquals(List.of(old1, old2), mailbox.unread(), "held back, so not marked seen");
        assertEquals(2.0, metrics.getGauge(new MetricID("postmaster_inbound_backlog")).getValue().doubleValue());

        assertEquals(2, poller.pollNow().backlog(), "still held at the next poll");
        PollStatus takenIn = poller.takeInBacklog();
        assertEquals(0, takenIn.backlog(), takenIn.toString());
        assertEquals(3, taken().size());
        assertEquals(List.of(), mailbox.unread());
    }

    @Test
    void oldUnreadMailCanBeMarkedSeenWithoutBeingRead() throws Exception {
        String old = id("old");
        mailbox.append(Date.from(Instant.now().minus(Duration.ofDays(30))), false,
                InboundMail.plain(old, "someone@elsewhere.test", box, "Old", "o"));
        activate(settings());
        assertTrue(pollUntilTaken(0).isBacklogHeld());

        PollStatus decided = poller.markBacklogSeen();
        assertFalse(decided.isBacklogHeld(), decided.toString());
        assertEquals(List.of(), mailbox.unread());
        assertEquals(List.of(), taken(), "marked seen, never read");
        assertEquals(0, poller.pollNow().backlog());
    }

    // --- metrics

    @Test
    void theMetricsCountMessagesByOutcomeAndTimeSinceTheLastSuccess() throws Exception {
        long before = unmatchedCount();
        mailbox.deliver(InboundMail.plain(id("counted"), "someone@elsewhere.test", box, "Counted", "c"));
        activate(settings());
        pollUntilTaken(1);

        assertEquals(before + 1, unmatchedCount());
        assertTrue(metrics.getGauge(new MetricID("postmaster_inbound_since_last_success")).getValue().longValue()
                < 30);
        assertTrue(metrics.getTimer(new MetricID("postmaster_inbound_poll")).getCount() > 0);
    }

    // --- helpers

    private MailSettings settings() {
        MailSettings settings = TestMailSettings.outgoingTo(SMTP_PORT);
        settings.setReplyTo("noreply@acme.test");
        settings.setApplicationName("Acme");
        settings.getIncoming().setHost(MailServerSandbox.HOST);
        settings.getIncoming().setPort(IMAP_PORT);
        settings.getIncoming().setUsername(box);
        settings.setRepliesToIncoming(true);
        return settings;
    }

    private void activate(MailSettings settings) {
        activate(settings, PASSWORD);
    }

    private void activate(MailSettings settings, String incomingPassword) {
        settingsService.save(settings, null, incomingPassword, "admin");
        appliedAt = Instant.now();
        runtime.applyNow("admin");
    }

    private PollStatus freshPoll() {
        return inbox.firstPollSince(appliedAt);
    }

    private PollStatus pollUntilTaken(int count) {
        return inbox.pollUntilTaken(count);
    }

    private List<InboundMessage> taken() {
        return inbox.taken();
    }

    private InboundMessage message(String messageId) {
        return inbox.message(messageId);
    }

    private InboundOutcome outcome(String messageId) {
        return message(messageId).getOutcome();
    }

    private String reason(String messageId) {
        return message(messageId).getReason();
    }

    private String id(String name) {
        return "<" + name + "." + suffix + "@elsewhere.test>";
    }

    private String user(String name) {
        String username = name + "-" + suffix;
        String first = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        accounts.create(username, "Pa55-" + username, Role.USER, first, "Baker", username + "@acme.test");
        return username;
    }

    private NotificationDecision decisionFor(Task task, String recipient) {
        return awaitValue(() -> decisions.about(RecordKind.TASK, task.getId()).stream()
                .filter(d -> d.getRecipient().equals(recipient) && d.getType() == NotificationType.TASK_ASSIGNED)
                .findFirst());
    }

    /** The notification about {@code task} as {@code recipient} received it. */
    private MimeMessage notificationTo(Task task, String recipient) throws Exception {
        NotificationDecision decision = decisionFor(task, recipient);
        assertEquals(Outcome.QUEUED, decision.getOutcome(), decision.getReason());
        String messageId = awaitValue(() -> outbox.find(decision.getOutboxId())
                .filter(m -> m.getStatus() == OutboxStatus.SENT).map(OutboxMessage::getMessageId));
        await(() -> smtp.acceptedMessageIds().contains(messageId));
        String raw = smtp.acceptedMessages().get(smtp.acceptedMessageIds().indexOf(messageId));
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    private java.util.Map<String, Object> nodeReadiness() {
        return readiness.stream().map(HealthCheck::call).filter(r -> r.getName().equals("node")).findFirst()
                .orElseThrow().getData().orElseThrow();
    }

    private HealthCheckResponse inboxReadiness() {
        return readiness.stream().map(HealthCheck::call).filter(r -> r.getName().equals("inbox")).findFirst()
                .orElseThrow();
    }

    private long unmatchedCount() {
        return metrics.getCounter(new MetricID("postmaster_inbound_messages", new Tag("outcome", "unmatched")))
                .getCount();
    }
}
