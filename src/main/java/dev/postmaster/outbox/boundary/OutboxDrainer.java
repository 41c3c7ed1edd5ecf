package dev.postmaster.outbox.boundary;

import dev.postmaster.mailruntime.boundary.MailRuntime;
import dev.postmaster.mailruntime.boundary.MailSessions;
import dev.postmaster.mailruntime.boundary.MailSignIn;
import dev.postmaster.mailruntime.boundary.SettingsApplied;
import dev.postmaster.infrastructure.ClusterNode;
import dev.postmaster.outbox.control.Coalescing;
import dev.postmaster.outbox.control.OutboxActivity;
import dev.postmaster.outbox.control.OutboxStore;
import dev.postmaster.outbox.control.OutboxStore.Claimed;
import dev.postmaster.outbox.control.OutboxStore.Outcome;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.Protocol;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends what the outbox holds. It runs on a timer and, so mail leaves at once, right after each transaction that
 * queued mail commits. A pass starts one sender per "Parallel connections" (default 2, at most
 * {@value MailSettings#MAX_SMTP_CONNECTIONS}); each sender claims its own batch of due mails (with a lease) in one
 * statement, reads the batch's MIME in one query, sends it over its SMTP connection, records the batch's results in
 * one transaction, and goes on with the next batch over the same connection until nothing is due. One pass runs at
 * a time in this process; a kick during a pass makes it look again when done ({@link Coalescing}: no kick is lost).
 *
 * <p>A crash between a send and the record of its batch loses nothing: the batch's lease runs out and the mails
 * are sent again, with the same Message-ID. So a crash may resend at most the claimed batches, one per connection.
 *
 * <p>Each sender takes the session from {@link MailRuntime#current()} for every batch, so a batch started before
 * "Apply now" finishes with the old session and the next one connects with the new.
 *
 * <p>A connection that drops in the middle is opened again once; a server that cannot be reached defers the rest
 * of the batch (the retry policy's back-off) and ends that sender's pass, so a server that is down is not hammered.
 * Angus' {@code isConnected()} costs a NOOP round trip, so it is never asked per mail.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxDrainer {

    static final int BATCH = 50;
    /**
     * How long a claimed batch belongs to its sender ({@code POSTMASTER_OUTBOX_LEASE_SECONDS}, default 300): when a
     * node dies with claimed mail, another node sends it once this has passed (the same node, restarted, at once). Much
     * longer than a batch takes, so that a live but slow sender is never overtaken; shorter means a dead node's
     * mail waits less.
     */
    @Inject
    @ConfigProperty(name = "postmaster.outbox.lease.seconds", defaultValue = "300")
    long leaseSeconds;
    static final Duration TICK = Duration.ofSeconds(15);
    static final Duration MAIL_OFF_WAIT = Duration.ofMinutes(1);
    private static final String MAIL_OFF = OutboxStore.MAIL_OFF;

    @Resource
    TimerService timerService;

    @Resource
    ManagedThreadFactory threadFactory;

    @Inject
    OutboxStore store;

    @Inject
    MailRuntime runtime;

    @Inject
    OutboxMetrics metrics;

    @Inject
    OutboxActivity activity;

    @Inject
    Outbox outbox;

    @Inject
    Logger log;

    /** Names this process's claims: the node, so that an operator sees who holds a row, and this process. */
    private final String node = shorten(ClusterNode.NAME);
    private final String name = node + "@" + ClusterNode.INCARNATION.substring(0, 8);
    private final AtomicLong batches = new AtomicLong();
    private final Coalescing gate = new Coalescing();
    private final AtomicBoolean kickPending = new AtomicBoolean();
    private ExecutorService passes;
    private ExecutorService senders;

    /**
     * Threads of the application's own (from the {@link ManagedThreadFactory}, so they have its context) rather
     * than a task per kick on the managed executor: that captures the context of every task it is given, which
     * in Payara means a {@code ServiceLoader} scan of the application's jars, and was the largest single cost of
     * queuing a mail in a profile of {@code POST /api/tasks}.
     */
    @PostConstruct
    void start() {
        passes = Executors.newSingleThreadExecutor(threadFactory);
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(MailSettings.MAX_SMTP_CONNECTIONS,
                threadFactory);
        pool.prestartAllCoreThreads(); // a managed thread takes a while to make; not while mail waits
        senders = pool;
        int taken = store.releaseEarlierClaims(node, name, Instant.now());
        if (taken > 0) {
            log.info(() -> taken + " mail(s) claimed by this node before it restarted are due again now");
        }
        timerService.createIntervalTimer(TICK.toMillis(), TICK.toMillis(), new TimerConfig("outbox-drain", false));
    }

    @PreDestroy
    void stop() {
        passes.shutdownNow();
        senders.shutdownNow();
    }

    @Timeout
    void tick() {
        drain();
    }

    public void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxQueued queued) {
        kick();
    }

    /**
     * New settings: mail that waited because outgoing mail was off (no server, a password that could not be
     * read, an OAuth2 sign-in refused) is due at once, and the drainer starts.
     */
    public void onSettingsApplied(@Observes SettingsApplied applied) {
        if (applied.sessions().smtp() != null) {
            try {
                int due = store.dueNow(Instant.now());
                if (due > 0) {
                    log.info(() -> due + " waiting mail(s) are due now: new settings were applied");
                }
            } catch (RuntimeException e) {
                log.warning(() -> "Waiting mail keeps its next attempt time: " + e.getMessage());
            }
        }
        kick();
    }

    /**
     * Starts a pass in the background (or asks the running one to look again). While one kick waits to start,
     * more kicks add nothing (what they queued is committed before the waiting one drains), so they are dropped
     * here, not queued.
     */
    public void kick() {
        if (kickPending.compareAndSet(false, true)) {
            try {
                passes.execute(() -> {
                    kickPending.set(false);
                    drain();
                });
            } catch (RejectedExecutionException e) {
                kickPending.set(false); // shutting down; the next start drains what is due
            }
        }
    }

    /**
     * Sends every due message now, in batches; if a pass is already running, asks it to look once more instead.
     *
     * @return how many were accepted by the server in the passes this call ran (0 when another thread took it)
     */
    public int drain() {
        AtomicInteger sent = new AtomicInteger();
        gate.request(() -> sent.addAndGet(pass()));
        return sent.get();
    }

    private int pass() {
        if (outbox.holdState().isHeld()) {
            // Checked here first, not only by each sender: a pass begun while held whose senders looked one by
            // one would run on with those that looked after the release, fewer than the connections allowed.
            return 0;
        }
        MailSettings settings = runtime.current().settings();
        int connections = settings == null ? 1 : settings.effectiveSmtpConnections();
        List<Future<Integer>> running = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++) {
            int sender = i;
            running.add(senders.submit(() -> sendWhileDue(sender)));
        }
        int sent = 0;
        for (Future<Integer> sender : running) {
            try {
                sent += sender.get();
            } catch (ExecutionException e) {
                log.log(Level.WARNING, "An outbox sender stopped early; its claimed mail is taken back when the"
                        + " lease ends", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return sent;
    }

    /** One connection's share of a pass: batch after batch over one SMTP connection, until nothing is due. */
    private int sendWhileDue(int sender) {
        int sent = 0;
        Connection connection = new Connection();
        try {
            // Held (checked before every batch, so a hold stops a long pass after the batches in flight): queued
            // mail waits for the release, which kicks the drainer again.
            Duration lease = Duration.ofSeconds(Math.max(10, leaseSeconds));
            while (!outbox.holdState().isHeld()) {
                String claim = name + "/" + batches.incrementAndGet();
                List<Claimed> batch = store.claimBatch(claim, BATCH, lease, Instant.now(), sender);
                if (batch.isEmpty()) {
                    break;
                }
                MailSessions sessions = runtime.current();
                if (sessions.smtp() == null) {
                    store.postpone(claim, batch.stream().map(Claimed::id).toList(), MAIL_OFF_WAIT,
                            mailOff(sessions.problemsOf(Protocol.SMTP).isEmpty() ? sessions.problems()
                                    : sessions.problemsOf(Protocol.SMTP)));
                    continue;
                }
                Sent result = connection.send(sessions.smtp(), batch);
                OutboxStore.Tally tally = store.record(claim, result.outcomes(), Instant.now());
                if (!result.postponed().isEmpty()) {
                    // The provider refused the sign-in for good just now: outgoing mail is off from here on, and
                    // the rest of the batch waits as all queued mail does, without an attempt counted.
                    store.postpone(claim, result.postponed(), MAIL_OFF_WAIT, mailOff(List.of(result.refusal())));
                }
                activity.add(tally);
                metrics.recorded(tally);
                sent += tally.sent();
                if (result.unreachable()) {
                    break;
                }
            }
        } finally {
            connection.close();
        }
        return sent;
    }

    /**
     * How a batch went, and whether the server could no longer be reached (the rest is then deferred), or the
     * sign-in was refused for good (the rest is then postponed, with the refusal).
     */
    private record Sent(List<Outcome> outcomes, boolean unreachable, List<Long> postponed, String refusal) {

        Sent(List<Outcome> outcomes, boolean unreachable) {
            this(outcomes, unreachable, List.of(), null);
        }
    }

    /**
     * The reason postponed mail gives: "Outgoing mail is off: " and why (the outgoing server's own problems, or
     * all of them when none is the server's own, such as no server set at all).
     */
    private static String mailOff(List<String> problems) {
        String why = problems.stream().map(problem -> problem.startsWith(MAIL_OFF)
                ? problem.substring(MAIL_OFF.length()) : problem).collect(Collectors.joining("; "));
        return MAIL_OFF + (why.isEmpty() ? "no outgoing mail server is running" : why);
    }

    /** One sender's SMTP connection, kept open from batch to batch while the session stays the same. */
    private final class Connection {

        private Session session;
        private Transport transport;

        Sent send(Session smtp, List<Claimed> batch) {
            if (smtp != session) {
                close();
                session = smtp;
            }
            List<Outcome> outcomes = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                Claimed mail = batch.get(i);
                boolean wasOpen = transport != null;
                try {
                    outcomes.add(deliver(mail));
                } catch (SendFailedException e) {
                    outcomes.add(refused(mail, e));
                } catch (MessagingException e) {
                    MessagingException unreachable = e;
                    close();
                    if (wasOpen) {
                        // The connection dropped (a server may end a session after so many mails): once more.
                        try {
                            outcomes.add(deliver(mail));
                            continue;
                        } catch (SendFailedException again) {
                            outcomes.add(refused(mail, again));
                            continue;
                        } catch (MessagingException again) {
                            unreachable = again;
                            close();
                        }
                    }
                    Optional<String> refused = MailSignIn.refusal(session);
                    if (refused.isPresent()) {
                        return new Sent(outcomes, true, batch.subList(i, batch.size()).stream().map(Claimed::id)
                                .toList(), refused.get());
                    }
                    String reason = unreachable.getMessage();
                    int left = batch.size() - i;
                    log.warning(() -> "Could not reach the outgoing mail server; " + left + " mail(s) deferred: "
                            + reason);
                    for (Claimed rest : batch.subList(i, batch.size())) {
                        outcomes.add(Outcome.failed(rest.id(), unreachable));
                    }
                    return new Sent(outcomes, true);
                }
            }
            return new Sent(outcomes, false);
        }

        private Outcome deliver(Claimed mail) throws MessagingException {
            if (transport == null) {
                Transport fresh = session.getTransport();
                MailSignIn.connect(fresh, session);
                transport = fresh;
            }
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(mail.mime()));
            try (var timing = metrics.sendTimer().time()) {
                transport.sendMessage(message, message.getAllRecipients());
            }
            return Outcome.accepted(mail.id(), MailSignIn.lastServerReply(transport));
        }

        private Outcome refused(Claimed mail, SendFailedException e) {
            log.info(() -> "Outbox mail " + mail.id() + " was not accepted: " + e.getMessage());
            return Outcome.failed(mail.id(), e);
        }

        void close() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException e) {
                    log.fine(() -> "Closing the SMTP connection failed: " + e.getMessage());
                }
                transport = null;
            }
        }
    }

    /** A claim is stored in 100 characters: the node's name, a process id and a batch number. */
    private static String shorten(String node) {
        return node.length() <= 60 ? node : node.substring(0, 60);
    }
}
