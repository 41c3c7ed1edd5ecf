package dev.postmaster.outbox.boundary;

import dev.postmaster.mailruntime.boundary.GrantRefused;
import dev.postmaster.mailruntime.boundary.MailRuntime;
import dev.postmaster.outbox.control.SharedRateLimits;
import dev.postmaster.outbox.entity.MailRateLimit;
import dev.postmaster.settings.boundary.SenderPolicy;
import dev.postmaster.settings.entity.MailSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The SMTP appender of the documented TeamConnect Email page: SEVERE log records are mailed to the "Mail errors to"
 * address of the Email page, from the sender of system mail ({@link SenderPolicy}), through the outbox. At most one
 * mail goes out per {@link #WINDOW} in the whole cluster ({@link SharedRateLimits}); records in between are
 * counted and the count is told in the next mail (or in a summary at the end of the window), so an error storm
 * cannot flood a mailbox or the outbox.
 *
 * <p>Records from the mail machinery itself are never mailed: a mail server that is down must not trigger mail
 * about itself.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ErrorMail {

    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final String[] NOT_MAILED = {"dev.postmaster.outbox", "dev.postmaster.mailruntime",
        "org.eclipse.angus", "jakarta.mail", "com.sun.mail"};

    @Inject
    MailRuntime runtime;

    @Inject
    Outbox outbox;

    @Inject
    SenderPolicy senderPolicy;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Decisions are made one at a time, in the order the records came: the first of a burst is the one mailed. */
    @Resource
    ManagedThreadFactory threadFactory;

    private ExecutorService decisions;

    private final Clock clock = Clock.systemUTC();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            offer(record);
        }

        @Override
        public void flush() {
            // nothing buffered
        }

        @Override
        public void close() {
            // nothing held
        }
    };

    @Inject
    SharedRateLimits limits;

    /** When the window that this node last heard of ends; until then it counts without asking. */
    private volatile Instant windowEnd = Instant.EPOCH;
    /** Records this node left out without asking, brought to the next decision. */
    private final AtomicInteger leftOut = new AtomicInteger();
    private final AtomicBoolean summaryScheduled = new AtomicBoolean();

    @PostConstruct
    void install() {
        decisions = Executors.newSingleThreadExecutor(threadFactory);
        handler.setLevel(Level.SEVERE);
        Logger.getLogger("").addHandler(handler);
    }

    @PreDestroy
    void uninstall() {
        Logger.getLogger("").removeHandler(handler);
        decisions.shutdown();
    }

    /**
     * Mails {@code record}, or counts it when a mail went out less than a minute ago on any node. While this node
     * knows the window is open it only counts, in memory, and brings the count to the next decision; otherwise it
     * asks the database, on a thread of its own (never on the thread that logged, which may be inside a
     * transaction or be the database failing).
     */
    void offer(LogRecord record) {
        if (record.getLevel().intValue() < Level.SEVERE.intValue() || fromMailMachinery(record)) {
            return;
        }
        mail(record);
    }

    /** Mails {@code record} within the limit, whoever logged it. */
    private void mail(LogRecord record) {
        if (clock.instant().isBefore(windowEnd)) {
            leftOut.incrementAndGet();
            scheduleSummary();
            return;
        }
        String subject = "SEVERE: " + firstLine(record);
        String text = describe(record);
        try {
            decisions.execute(() -> decide(subject, text));
        } catch (RejectedExecutionException e) {
            // shutting down: the record is in the log, which is enough
        }
    }

    /**
     * A refused OAuth2 grant is mailed although the mail machinery reports it (whose records are otherwise not
     * mailed, lest a failing send feed itself): it happens once per grant, and it is what an administrator has
     * to act on. When it is the outgoing server that is off, the mail waits in the outbox with the rest until
     * the account is connected again.
     */
    public void onGrantRefused(@Observes GrantRefused refused) {
        LogRecord record = new LogRecord(Level.SEVERE, refused.message());
        record.setLoggerName(MailRuntime.class.getName());
        mail(record);
    }

    private void decide(String subject, String text) {
        int carried = leftOut.getAndSet(0);
        try {
            SharedRateLimits.Decision decision = limits.offer(MailRateLimit.ERROR_MAIL, WINDOW, clock.instant(),
                    carried);
            windowEnd = decision.windowEnd();
            if (decision.pass().isPresent()) {
                send(subject, text, decision.pass().getAsInt());
            } else {
                scheduleSummary();
            }
        } catch (RuntimeException e) {
            undecided(e, carried + 1);
        }
    }

    /**
     * The shared limit could not be read (the database is away, which logs errors of its own): count locally for a
     * window, then ask again, rather than asking the absent database once per record.
     *
     * @param notTold the records that were to be decided and now count as left out
     */
    private void undecided(RuntimeException e, int notTold) {
        windowEnd = clock.instant().plus(WINDOW);
        leftOut.addAndGet(notTold);
        scheduleSummary();
        // Never log at SEVERE from here: that would feed this handler.
        Logger.getLogger(ErrorMail.class.getName()).warning(() -> "Could not decide on an error mail; asking again"
                + " in a minute: " + e);
    }

    private void scheduleSummary() {
        if (summaryScheduled.compareAndSet(false, true)) {
            long delay = Duration.between(clock.instant(), windowEnd).toMillis() + 50;
            scheduler.schedule(this::summarize, Math.max(delay, 50), TimeUnit.MILLISECONDS);
        }
    }

    private void summarize() {
        summaryScheduled.set(false);
        int carried = leftOut.getAndSet(0);
        try {
            SharedRateLimits.Decision decision = limits.flush(MailRateLimit.ERROR_MAIL, WINDOW, clock.instant(),
                    carried);
            windowEnd = decision.windowEnd();
            decision.pass().ifPresent(count -> send(count + " more SEVERE log record(s)", "", count));
        } catch (RuntimeException e) {
            undecided(e, carried);
        }
    }

    private void send(String subject, String body, int suppressedBefore) {
        MailSettings settings = runtime.current().settings();
        if (settings == null || settings.getErrorMailTo() == null) {
            return;
        }
        SenderPolicy.Sender sender = senderPolicy.forSystemMail(settings);
        if (!sender.canSend()) {
            return;
        }
        try {
            Properties props = new Properties();
            props.put("mail.from", sender.address().get().getAddress());
            MimeMessage message = new MimeMessage(Session.getInstance(props));
            message.setFrom(sender.address().get());
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(settings.getErrorMailTo()));
            message.setSubject("[" + settings.getApplicationName() + "] " + subject, StandardCharsets.UTF_8.name());
            String note = suppressedBefore == 0 ? ""
                    : suppressedBefore + " SEVERE record(s) were not mailed (at most one mail a minute).\n\n";
            message.setText(note + body, StandardCharsets.UTF_8.name());
            outbox.enqueue(message, "error-log");
        } catch (MessagingException | RuntimeException e) {
            // Never log at SEVERE from here: that would feed this handler.
            Logger.getLogger(ErrorMail.class.getName()).log(Level.WARNING, "Could not queue the error-log mail", e);
        }
    }

    private static boolean fromMailMachinery(LogRecord record) {
        String name = record.getLoggerName() == null ? "" : record.getLoggerName();
        for (String prefix : NOT_MAILED) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(LogRecord record) {
        String message = record.getMessage() == null ? "(no message)" : record.getMessage();
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }

    private static String describe(LogRecord record) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.println(record.getInstant() + " " + record.getLevel() + " [" + record.getLoggerName() + "]");
        out.println(new SimpleFormatter().formatMessage(record));
        if (record.getThrown() != null) {
            record.getThrown().printStackTrace(out);
        }
        return text.toString();
    }
}
