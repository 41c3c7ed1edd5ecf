package dev.postmaster.inbound.boundary;

import dev.postmaster.inbound.control.InboundStore;
import dev.postmaster.inbound.control.InboundStore.Fetched;
import dev.postmaster.inbound.control.InboundStore.Known;
import dev.postmaster.inbound.control.PollerLeases.LeaseLost;
import dev.postmaster.inbound.entity.InboundMailbox;
import dev.postmaster.inbound.entity.InboundMailbox.Backlog;
import dev.postmaster.inbound.entity.InboundOutcome;
import dev.postmaster.mailruntime.boundary.FailureHints;
import dev.postmaster.mailruntime.boundary.MailRuntime;
import dev.postmaster.mailruntime.boundary.MailSessions;
import dev.postmaster.mailruntime.boundary.MailSignIn;
import dev.postmaster.mailruntime.boundary.SettingsApplied;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.Protocol;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Reads the incoming mailbox on a timer of its own (programmatic, not persistent), and when an administrator
 * clicks Poll now. Each poll:
 * <ol>
 * <li>opens INBOX with the active settings and their timeouts, in peek mode, so that reading sets no flag;</li>
 * <li>searches for the messages that are not {@code \Seen} (holding back, at the first connect, those that reached
 * the mailbox long before: the backlog);</li>
 * <li>fetches them in windows of {@link #WINDOW}: UID, flags, size, arrival date and headers with one fetch
 * profile, then the bodies of those within the size limit with another, bounded by {@link #BODY_BUDGET} bytes.
 * Not the server's ENVELOPE: everything in it is in the headers, which are parsed here anyway, and the mail
 * library fails on some envelopes real servers send (Dovecot's {@code MISSING_DOMAIN} for an address without a
 * domain), which would stop the whole window;</li>
 * <li>takes the messages in with {@link InboundStore}, a group of up to {@link #BODY_BUDGET} bytes per
 * transaction, which <b>commits</b> (one commit per group, not per message: that was most of a poll's time);
 * a group that cannot be stored whole is taken in again one message per transaction, so that a message that
 * cannot be stored keeps only itself unread;</li>
 * <li>only then sets {@code \Seen}, with one call per window, on what was stored (and on what was stored
 * before: a second copy is only marked seen);</li>
 * <li>logs out.</li>
 * </ol>
 * The folder is closed and opened again for every window, so the messages the mail library caches never add up
 * to the whole mailbox. Polls never overlap: Poll now joins a running poll instead of starting a second one. A
 * failure names its step and the server's words, and the next poll comes sooner, doubling up to the interval.
 *
 * <p>In a cluster every node runs this timer, but only the node holding the {@link InboxLease} polls; each poll
 * renews the lease first and stores its mail under the lease's fencing token.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InboxPoller {

    static final int WINDOW = 100;
    static final long BODY_BUDGET = 8L * 1024 * 1024;
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration FIRST_RUN = Duration.ofSeconds(1);
    private static final String INBOX = "INBOX";
    private static final String SIGN_IN = "Sign in";

    @Resource
    TimerService timerService;

    @Inject
    MailRuntime runtime;

    @Inject
    InboundStore store;

    @Inject
    InboundMetrics metrics;

    @Inject
    InboxLease lease;

    @Inject
    Logger log;

    private final ReentrantLock polling = new ReentrantLock();
    private volatile PollStatus status = PollStatus.notStarted();

    /** The startup path and "Apply now": the poller restarts with the sessions just built. */
    public void onSettingsApplied(@Observes SettingsApplied applied) {
        restart(applied.sessions());
    }

    /** This node took the poller's lease over from another: poll now rather than at the next interval. */
    public void onLeaseTaken(@Observes InboxLease.Taken taken) {
        if (status.isOn()) {
            restart();
        }
    }

    /** {@code stop(); start();} with the sessions running now. */
    public void restart() {
        restart(runtime.current());
    }

    private void restart(MailSessions sessions) {
        stop();
        if (sessions.imap() == null) {
            String reason = sessions.problems().stream().filter(p -> p.startsWith("Incoming")).findFirst()
                    .orElse("No incoming mail server is set");
            status = status.off(reason);
            log.info(() -> "The inbox poller is off: " + reason);
            return;
        }
        status = status.on(Instant.now().plus(FIRST_RUN), sessions.settings().effectivePollInterval());
        schedule(FIRST_RUN);
    }

    /** Cancels the poller's timer; a poll that is running finishes. */
    public void stop() {
        for (Timer timer : timerService.getTimers()) {
            timer.cancel();
        }
    }

    @Timeout
    void timeout() {
        polling.lock();
        try {
            pollOnce();
        } finally {
            polling.unlock();
        }
        scheduleNext();
    }

    /**
     * Poll now: joins the poll that is running, or runs one, and tells how it went. Never a second poll beside
     * the first.
     */
    public PollStatus pollNow() {
        boolean joining = polling.isLocked();
        polling.lock();
        try {
            if (!joining) {
                pollOnce();
            }
        } finally {
            polling.unlock();
        }
        return status;
    }

    /** What the poller is doing, and how the last polls went. */
    public PollStatus status() {
        return status;
    }

    /** Takes in the unread mail held back at the first connect, at the next poll (which starts now). */
    public PollStatus takeInBacklog() {
        if (status.mailbox() != null) {
            store.decideBacklog(status.mailbox(), Backlog.TAKEN_IN);
        }
        return pollNow();
    }

    /** Marks the unread mail held back at the first connect as seen on the server, without reading it. */
    public PollStatus markBacklogSeen() {
        polling.lock();
        try {
            MailSessions sessions = runtime.current();
            if (sessions.imap() == null || status.mailbox() == null) {
                return status;
            }
            String mailbox = status.mailbox();
            try (Store imap = sessions.imap().getStore()) {
                MailSignIn.connect(imap, sessions.imap());
                Folder inbox = imap.getFolder(INBOX);
                inbox.open(Folder.READ_WRITE);
                try {
                    InboundMailbox state = store.mailbox(mailbox, ((UIDFolder) inbox).getUIDValidity(),
                            sessions.settings().effectiveBacklogAge());
                    List<Message> held = new ArrayList<>();
                    Message[] unread = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                    inbox.fetch(unread, profile(IMAPFolder.FetchProfileItem.INTERNALDATE));
                    for (Message message : unread) {
                        if (state.holdsBack(message.getReceivedDate() == null ? null
                                : message.getReceivedDate().toInstant())) {
                            held.add(message);
                        }
                    }
                    if (!held.isEmpty()) {
                        inbox.setFlags(held.toArray(Message[]::new), new Flags(Flags.Flag.SEEN), true);
                    }
                    store.decideBacklog(mailbox, Backlog.MARKED_SEEN);
                    status = status.backlogDecided();
                    log.info(() -> held.size() + " message(s) held back in " + mailbox + " were marked seen unread");
                } finally {
                    inbox.close(false);
                }
            } catch (MessagingException e) {
                log.log(Level.WARNING, "The held-back mail could not be marked seen", e);
            }
            return status;
        } finally {
            polling.unlock();
        }
    }

    private void scheduleNext() {
        MailSessions sessions = runtime.current();
        stop();
        if (sessions.imap() == null) {
            return;
        }
        Duration interval = sessions.settings().effectivePollInterval();
        Duration wait = status.failures() == 0 ? interval
                : min(FIRST_RETRY.multipliedBy(1L << Math.min(status.failures() - 1, 20)), interval);
        status = status.next(Instant.now().plus(wait), interval);
        schedule(wait);
    }

    private void schedule(Duration wait) {
        timerService.createSingleActionTimer(Math.max(1, wait.toMillis()), new TimerConfig("inbox-poll", false));
    }

    /** One poll; the caller holds {@link #polling}. */
    private void pollOnce() {
        MailSessions sessions = runtime.current();
        Session imap = sessions.imap();
        if (imap == null) {
            return;
        }
        OptionalLong fence = lease.hold();
        if (fence.isEmpty()) {
            return; // another node polls (the Inbound log page says which)
        }
        MailSettings settings = sessions.settings();
        String mailbox = settings.getIncoming().getUsername() + "@"
                + settings.getIncoming().address(Protocol.IMAP) + "/" + INBOX;
        Instant started = Instant.now();
        Poll poll = new Poll(mailbox, settings.effectiveMaxMessageBytes(), fence.getAsLong());
        String step = SIGN_IN;
        try (Store imapStore = imap.getStore()) {
            MailSignIn.connect(imapStore, imap);
            step = "Open INBOX";
            Folder inbox = imapStore.getFolder(INBOX);
            if (!inbox.exists()) {
                throw new MessagingException("There is no INBOX in this account");
            }
            inbox.open(Folder.READ_WRITE);
            long uidValidity = ((UIDFolder) inbox).getUIDValidity();
            InboundMailbox state = store.mailbox(mailbox, uidValidity, settings.effectiveBacklogAge());
            step = "Search unread";
            List<Long> uids = new ArrayList<>();
            try {
                Message[] unread = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                inbox.fetch(unread, profile(UIDFolder.FetchProfileItem.UID,
                        IMAPFolder.FetchProfileItem.INTERNALDATE));
                for (Message message : unread) {
                    Instant received = message.getReceivedDate() == null ? null
                            : message.getReceivedDate().toInstant();
                    if (state.holdsBack(received)) {
                        poll.backlog++;
                    } else {
                        uids.add(((UIDFolder) inbox).getUID(message));
                    }
                }
            } finally {
                inbox.close(false);
            }
            Collections.sort(uids);
            for (int from = 0; from < uids.size(); from += WINDOW) {
                step = "Fetch";
                window(inbox, uidValidity, uids.subList(from, Math.min(uids.size(), from + WINDOW)), poll);
            }
            status = status.succeeded(started, Instant.now(), poll.read, poll.backlog, state.getBacklog(), mailbox,
                    poll.notStored);
            metrics.polled(Duration.between(started, Instant.now()), poll.backlog);
            if (poll.read > 0 || !poll.notStored.isEmpty()) {
                log.info(() -> "Inbox " + mailbox + ": " + poll.read + " message(s) taken in, " + poll.notStored.size()
                        + " not stored, " + poll.backlog + " held back");
            }
        } catch (LeaseLost e) {
            log.info(() -> "Inbox poll of " + mailbox + " stopped: " + e.getMessage());
        } catch (MessagingException | RuntimeException e) {
            FailureHints.Diagnosis diagnosis = FailureHints.diagnose(e, Protocol.IMAP, settings.getIncoming());
            String failedAt = SIGN_IN.equals(step) ? connectStep(diagnosis.stage()) : step;
            status = status.failed(started, failedAt, FailureHints.rootMessage(e), diagnosis.hint(), mailbox);
            log.warning(() -> "Inbox poll failed at " + failedAt + ": " + FailureHints.rootMessage(e));
        }
    }

    /** What one poll found. */
    private static final class Poll {
        final String mailbox;
        final long maxSize;
        /** The lease this poll runs under: every transaction that stores its mail confirms it. */
        final long fence;
        int read;
        long backlog;
        final List<String> notStored = new ArrayList<>();

        Poll(String mailbox, long maxSize, long fence) {
            this.mailbox = mailbox;
            this.maxSize = maxSize;
            this.fence = fence;
        }
    }

    /** One window of messages: fetch, take in (committed), then mark seen in one call. */
    private void window(Folder inbox, long uidValidity, List<Long> uids, Poll poll) throws MessagingException {
        inbox.open(Folder.READ_WRITE);
        try {
            UIDFolder byUid = (UIDFolder) inbox;
            Message[] found = byUid.getMessagesByUID(uids.stream().mapToLong(Long::longValue).toArray());
            List<Message> messages = new ArrayList<>();
            for (Message message : found) {
                if (message != null && !message.isExpunged()) {
                    messages.add(message);
                }
            }
            Message[] batch = messages.toArray(Message[]::new);
            inbox.fetch(batch, profile(UIDFolder.FetchProfileItem.UID, FetchProfile.Item.FLAGS,
                    FetchProfile.Item.SIZE, IMAPFolder.FetchProfileItem.INTERNALDATE,
                    IMAPFolder.FetchProfileItem.HEADERS));
            Map<Message, String> keys = new HashMap<>();
            List<Message> unread = new ArrayList<>();
            for (Message message : batch) {
                try {
                    if (!message.isSet(Flags.Flag.SEEN)) {
                        keys.put(message, InboundStore.keyOf(first(message, "Message-ID"), headerBlock(message)));
                        unread.add(message);
                    }
                } catch (MessagingException | RuntimeException e) {
                    // One message the mail library cannot describe must not stop the others.
                    poll.notStored.add("UID " + byUid.getUID(message) + ": " + FailureHints.rootMessage(e));
                }
            }
            Known known = store.known(poll.mailbox, uidValidity, uids, keys.values());
            List<Message> seen = new ArrayList<>();
            List<Message> toRead = new ArrayList<>();
            for (Message message : unread) {
                if (known.contains(byUid.getUID(message), keys.get(message))) {
                    seen.add(message);
                } else {
                    toRead.add(message);
                }
            }
            prefetchBodies(inbox, toRead, poll.maxSize);
            seen.addAll(takeInGroups(byUid, uidValidity, toRead, keys, poll));
            if (!seen.isEmpty()) {
                inbox.setFlags(seen.toArray(Message[]::new), new Flags(Flags.Flag.SEEN), true);
            }
        } finally {
            inbox.close(false);
        }
    }

    /** The bodies of the messages within the size limit, a few megabytes at a time. */
    private static void prefetchBodies(Folder inbox, List<Message> messages, long maxSize) throws MessagingException {
        List<Message> group = new ArrayList<>();
        long bytes = 0;
        for (Message message : messages) {
            int size = message.getSize();
            if (size > maxSize) {
                continue;
            }
            if (!group.isEmpty() && bytes + size > BODY_BUDGET) {
                inbox.fetch(group.toArray(Message[]::new), profile(IMAPFolder.FetchProfileItem.MESSAGE));
                group.clear();
                bytes = 0;
            }
            group.add(message);
            bytes += Math.max(size, 0);
        }
        if (!group.isEmpty()) {
            inbox.fetch(group.toArray(Message[]::new), profile(IMAPFolder.FetchProfileItem.MESSAGE));
        }
    }

    /**
     * Takes messages in, a group (up to {@link #BODY_BUDGET} bytes) per transaction; a group that cannot be stored
     * whole is taken in one message at a time, so one bad message keeps only itself unread.
     *
     * @return the messages stored now (or already), which may be marked seen
     */
    private List<Message> takeInGroups(UIDFolder inbox, long uidValidity, List<Message> messages,
            Map<Message, String> keys, Poll poll) {
        List<Message> stored = new ArrayList<>();
        List<Message> group = new ArrayList<>();
        List<Fetched> fetched = new ArrayList<>();
        long bytes = 0;
        for (Message message : messages) {
            Optional<Fetched> read = read(inbox, uidValidity, message, keys.get(message), poll);
            if (read.isEmpty()) {
                continue;
            }
            long size = read.get().mime() == null ? 0 : read.get().mime().length;
            if (!group.isEmpty() && bytes + size > BODY_BUDGET) {
                stored.addAll(takeInGroup(inbox, uidValidity, group, fetched, poll));
                group = new ArrayList<>();
                fetched = new ArrayList<>();
                bytes = 0;
            }
            group.add(message);
            fetched.add(read.get());
            bytes += size;
        }
        if (!group.isEmpty()) {
            stored.addAll(takeInGroup(inbox, uidValidity, group, fetched, poll));
        }
        return stored;
    }

    private List<Message> takeInGroup(UIDFolder inbox, long uidValidity, List<Message> group, List<Fetched> fetched,
            Poll poll) {
        try {
            store.takeAll(fetched, poll.fence).forEach(metrics::read);
            poll.read += group.size();
            return group;
        } catch (EJBException e) {
            log.fine(() -> "A group of " + group.size() + " messages could not be stored together; one by one: "
                    + FailureHints.rootMessage(e));
            List<Message> stored = new ArrayList<>();
            for (int i = 0; i < group.size(); i++) {
                if (takeIn(fetched.get(i), poll)) {
                    stored.add(group.get(i));
                }
            }
            return stored;
        }
    }

    /** A message's bytes and what the store needs of it; empty (and noted) when the library cannot read it. */
    private Optional<Fetched> read(UIDFolder inbox, long uidValidity, Message message, String key, Poll poll) {
        long uid = -1;
        try {
            uid = inbox.getUID(message);
            long size = Math.max(message.getSize(), 0);
            byte[] mime = null;
            if (size <= poll.maxSize) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.max((int) size, 1024));
                message.writeTo(raw);
                mime = raw.toByteArray();
            }
            return Optional.of(new Fetched(poll.mailbox, uidValidity, uid, key,
                    message.getReceivedDate() == null ? null : message.getReceivedDate().toInstant(), size,
                    headerBlock(message), mime, poll.maxSize));
        } catch (MessagingException | IOException | RuntimeException e) {
            poll.notStored.add("UID " + uid + ": " + FailureHints.rootMessage(e));
            log.log(Level.WARNING, "Message UID " + uid + " could not be read; it stays unread", e);
            return Optional.empty();
        }
    }

    /** Takes one message in; {@code true} when it is stored now (or was already), so it may be marked seen. */
    private boolean takeIn(Fetched fetched, Poll poll) {
        try {
            metrics.read(store.take(fetched, poll.fence));
            poll.read++;
            return true;
        } catch (EJBException e) {
            Known now = store.known(poll.mailbox, fetched.uidValidity(), List.of(fetched.uid()),
                    List.of(fetched.key()));
            if (now.contains(fetched.uid(), fetched.key())) {
                // Another poll (another node) stored it first: the unique keys said so.
                return true;
            }
            poll.notStored.add("UID " + fetched.uid() + ": " + FailureHints.rootMessage(e));
            log.log(Level.WARNING, "Message UID " + fetched.uid() + " could not be stored; it stays unread", e);
            return false;
        }
    }

    private static FetchProfile profile(FetchProfile.Item... items) {
        FetchProfile profile = new FetchProfile();
        for (FetchProfile.Item item : items) {
            profile.add(item);
        }
        return profile;
    }

    private static String first(Message message, String header) throws MessagingException {
        String[] values = message.getHeader(header);
        return values == null || values.length == 0 ? null : values[0];
    }

    /** The header block as it came, one header per line. */
    private static String headerBlock(Message message) throws MessagingException {
        StringBuilder block = new StringBuilder();
        Enumeration<String> lines = ((jakarta.mail.internet.MimeMessage) message).getAllHeaderLines();
        while (lines.hasMoreElements()) {
            block.append(lines.nextElement()).append("\r\n");
        }
        return block.toString();
    }

    /** Which part of connecting and signing in failed, as the Email page's connection test names it. */
    private static String connectStep(FailureHints.Stage stage) {
        return switch (stage) {
            case RESOLVE -> "Look up the server";
            case CONNECT -> "Connect";
            case TLS -> "TLS handshake";
            case AUTH, OTHER -> SIGN_IN;
        };
    }

    private static Duration min(Duration one, Duration other) {
        return one.compareTo(other) <= 0 ? one : other;
    }
}
