package dev.postmaster.outbox.boundary;

import dev.postmaster.mailruntime.boundary.MailRuntime;
import dev.postmaster.mailruntime.boundary.MailSessions;
import dev.postmaster.mailruntime.boundary.SettingsApplied;
import dev.postmaster.outbox.control.Coalescing;
import dev.postmaster.outbox.control.OutboxStore;
import dev.postmaster.outbox.entity.OutboxStatus;
import jakarta.annotation.PostConstruct;
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
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends what the outbox holds. It runs on a timer and, so mail leaves at once, right after each transaction that
 * queued mail commits. Each pass claims a batch of due messages (with a lease), sends the whole batch over
 * <em>one</em> SMTP connection, and records each outcome in its own transaction. One pass runs at a time in this
 * process; a kick during a pass makes it look again when done ({@link Coalescing}: no kick is lost).
 *
 * <p>It takes the session from {@link MailRuntime#current()} at the start of each batch, so a batch started
 * before "Apply now" finishes with the old session and the next one uses the new.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxDrainer {

    static final int BATCH = 50;
    static final Duration LEASE = Duration.ofMinutes(5);
    static final Duration TICK = Duration.ofSeconds(15);
    static final Duration MAIL_OFF_WAIT = Duration.ofMinutes(1);

    @Resource
    TimerService timerService;

    @Resource
    ManagedExecutorService executor;

    @Inject
    OutboxStore store;

    @Inject
    MailRuntime runtime;

    @Inject
    OutboxMetrics metrics;

    @Inject
    Outbox outbox;

    @Inject
    Logger log;

    private final String name = "drainer-" + UUID.randomUUID().toString().substring(0, 8);
    private final Coalescing gate = new Coalescing();

    @PostConstruct
    void start() {
        timerService.createIntervalTimer(TICK.toMillis(), TICK.toMillis(), new TimerConfig("outbox-drain", false));
    }

    @Timeout
    void tick() {
        drain();
    }

    public void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxQueued queued) {
        kick();
    }

    public void onSettingsApplied(@Observes SettingsApplied applied) {
        kick();
    }

    /** Starts a pass in the background (or asks the running one to look again). */
    public void kick() {
        executor.execute(this::drain);
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
        int sent = 0;
        try {
            List<Long> batch;
            // Held (checked before every batch, so a hold stops a long pass after the batch in flight): queued
            // mail waits for the release, which kicks the drainer again.
            while (!outbox.holdState().isHeld()
                    && !(batch = store.claimDue(name, BATCH, LEASE, Instant.now())).isEmpty()) {
                sent += send(batch);
            }
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "The outbox pass stopped early; claimed mail is taken back when its lease ends", e);
        }
        return sent;
    }

    private int send(List<Long> batch) {
        MailSessions sessions = runtime.current();
        Session smtp = sessions.smtp();
        if (smtp == null) {
            store.postpone(batch, MAIL_OFF_WAIT, "Outgoing mail is off: " + String.join("; ", sessions.problems()),
                    Instant.now());
            return 0;
        }
        int sent = 0;
        try (Transport transport = smtp.getTransport()) {
            try {
                transport.connect();
            } catch (MessagingException e) {
                log.warning(() -> "Could not connect to the outgoing mail server; " + batch.size()
                        + " mail(s) deferred: " + e.getMessage());
                batch.forEach(id -> store.failedAttempt(id, e, Instant.now()));
                return 0;
            }
            for (Long id : batch) {
                Optional<byte[]> mime = store.mimeIfClaimedBy(id, name);
                if (mime.isEmpty()) {
                    continue;
                }
                try {
                    if (!transport.isConnected()) {
                        transport.connect();
                    }
                    MimeMessage message = new MimeMessage(smtp, new ByteArrayInputStream(mime.get()));
                    try (var timing = metrics.sendTimer().time()) {
                        transport.sendMessage(message, message.getAllRecipients());
                    }
                    store.sent(id, lastServerReply(transport), Instant.now());
                    sent++;
                } catch (MessagingException e) {
                    OutboxStatus outcome = store.failedAttempt(id, e, Instant.now());
                    log.info(() -> "Outbox mail " + id + " " + outcome + ": " + e.getMessage());
                }
            }
        } catch (MessagingException e) {
            log.fine(() -> "Closing the SMTP connection failed: " + e.getMessage());
        }
        return sent;
    }

    /** Angus keeps the last reply on its transport; read it without tying the code to Angus classes. */
    private static String lastServerReply(Transport transport) {
        try {
            Object reply = transport.getClass().getMethod("getLastServerResponse").invoke(transport);
            return reply == null ? null : reply.toString().strip();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
