package dev.postmaster.mailruntime.boundary;

import dev.postmaster.mailruntime.control.MailSessionFactory;
import dev.postmaster.settings.boundary.MailSettingsService;
import dev.postmaster.settings.boundary.SecretUnreadableException;
import dev.postmaster.settings.entity.MailServer;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.Protocol;
import dev.postmaster.settings.entity.StoredMailSettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.Session;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The documented rule that saved Email settings take effect when the application (re)starts, in code: at boot
 * this singleton makes the pending Email settings active and builds the SMTP and IMAP sessions from them. The
 * rest of the application takes its sessions from {@link #current()} and nowhere else.
 *
 * <p>{@link #apply(String, boolean)} is the whole boot path, so anything that must run it again in place (an "Apply
 * now" button) calls the same method. A failure here is reported on the Email page and in the log, never thrown out of
 * boot: a mail server or key problem must not stop the console from starting, since the console is where it gets fixed.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MailRuntime {

    @Inject
    MailSettingsService settingsService;

    @Inject
    MailSessionFactory sessionFactory;

    @Inject
    Event<SettingsApplied> applied;

    @Inject
    Logger log;

    private volatile MailSessions current = MailSessions.none(Instant.now(), List.of("Not started yet"));
    /** The version of the active settings row that {@link #current} was built from; {@code null} when none. */
    private volatile Long runningVersion;

    /** The actor recorded for what the application does by itself. */
    public static final String SYSTEM = "system";

    @PostConstruct
    void boot() {
        apply(SYSTEM, true);
    }

    /** The sessions in use now. */
    public MailSessions current() {
        return current;
    }

    /**
     * "Apply now": the boot path, run in place by an administrator. Work already holding the previous
     * {@link MailSessions} finishes with them; everything that asks {@link #current()} afterwards gets the new
     * ones.
     */
    public MailSessions applyNow(String administrator) {
        return apply(administrator, false);
    }

    /** Runs the boot path: activate pending settings, build the sessions, announce them. */
    synchronized MailSessions apply(String actor, boolean atStartup) {
        Instant now = Instant.now();
        MailSessions built;
        try {
            Optional<StoredMailSettings> active = settingsService.activatePending(actor, atStartup);
            runningVersion = active.map(StoredMailSettings::getVersion).orElse(null);
            built = active.map(stored -> build(stored.getSettings(), now))
                    .orElseGet(() -> MailSessions.none(now,
                            List.of("No settings are active yet: save them, then Apply now or restart")));
        } catch (RuntimeException e) {
            log.log(Level.SEVERE, "Could not load the Email settings; mail is off until this is fixed", e);
            built = MailSessions.none(now, List.of("The Email settings could not be loaded: " + e.getMessage()));
        }
        return install(built, now, "Mail sessions built from the active settings");
    }

    /** Makes {@code built} the sessions in use, says so in the log and announces them. */
    private MailSessions install(MailSessions built, Instant now, String what) {
        current = built;
        if (built.settings() != null) {
            log.info(() -> what + ": SMTP " + shown(built.settings(), Protocol.SMTP) + ", IMAP "
                    + shown(built.settings(), Protocol.IMAP));
        }
        built.problems().forEach(problem -> log.warning(problem));
        applied.fire(new SettingsApplied(built, now));
        return built;
    }

    /**
     * Follows "Apply now" and restarts on the other nodes of a cluster: every few seconds this node compares the
     * version of the active settings row with the one it runs, and when another node changed it, builds its
     * sessions from the active row as the boot path does, without activating anything pending (that is the other
     * node's Apply now or restart to do; a pending change saved meanwhile stays pending here too).
     */
    @Schedule(second = "*/" + FOLLOW_SECONDS, minute = "*", hour = "*", persistent = false)
    void followOtherNodes() {
        Optional<Long> version;
        try {
            version = settingsService.activeVersion();
        } catch (RuntimeException e) {
            log.fine(() -> "Could not read the version of the active settings: " + e.getMessage());
            return;
        }
        if (version.isPresent() && !version.get().equals(runningVersion)) {
            follow();
        }
    }

    /** Every how many seconds a node looks whether another node applied new settings. */
    public static final int FOLLOW_SECONDS = 5;

    private synchronized void follow() {
        Instant now = Instant.now();
        Optional<StoredMailSettings> active;
        try {
            active = settingsService.active();
        } catch (RuntimeException e) {
            log.fine(() -> "Could not read the active settings: " + e.getMessage());
            return;
        }
        if (active.isEmpty() || Long.valueOf(active.get().getVersion()).equals(runningVersion)) {
            return;
        }
        runningVersion = active.get().getVersion();
        install(build(active.get().getSettings(), now), now,
                "The active Email settings were changed on another node; this node runs them now");
    }

    /**
     * An OAuth2 provider refused for good to renew a server's sign-in: that server's mail is off, with the
     * reason on the Email page, in {@code /health/ready} and in the log (SEVERE, so it is also mailed to the
     * error address, through the outbox when it is the outgoing server that is off). Queued mail waits in the
     * outbox. Sessions built since the refusal (a reconnect applied) are left alone.
     */
    public synchronized void grantRefused(@Observes GrantRefused refusal) {
        Session session = current.session(refusal.protocol());
        if (session == null || MailSignIn.tokens(session).orElse(null) != refusal.tokens()) {
            return;
        }
        String reason = refusal.message();
        log.severe(reason);
        // Not announced as SettingsApplied: the refusal is heard on a sending or polling thread, and the outbox
        // and the poller find the session gone at their next turn anyway.
        current = current.without(refusal.protocol(), reason);
    }

    private MailSessions build(MailSettings settings, Instant now) {
        List<String> problems = new ArrayList<>();
        Session smtp = session(Protocol.SMTP, settings, problems);
        if (!settings.getOutgoing().isSet()) {
            problems.add("No outgoing mail server is set: no mail can be sent");
        }
        if (!settings.hasReplyTo()) {
            problems.add("No Reply-To Address is set: system mail cannot be sent");
        }
        Session imap = session(Protocol.IMAP, settings, problems);
        // Logged when the sessions are built; the page and /health/ready work it out afresh each time they show it,
        // so that it counts down rather than saying what it said at the last Apply now.
        for (Protocol protocol : Protocol.values()) {
            secretExpiry(settings, protocol, now).ifPresent(log::warning);
        }
        return new MailSessions(settings.copy(), smtp, imap, now, List.copyOf(problems));
    }

    /** One server's session; {@code null}, with the reason in {@code problems}, when its password cannot be read. */
    private Session session(Protocol protocol, MailSettings settings, List<String> problems) {
        try {
            return sessionFactory.session(protocol, settings);
        } catch (SecretUnreadableException e) {
            problems.add(protocol.mailName() + " is off: " + e.getMessage());
            return null;
        }
    }

    /** How many days ahead the expiry of an OAuth2 client secret is warned about. */
    public static final int SECRET_EXPIRY_WARNING_DAYS = 30;

    /**
     * A warning when the OAuth2 client secret of the {@code protocol} server expires within
     * {@value #SECRET_EXPIRY_WARNING_DAYS} days, or has expired: the provider then refuses every refresh.
     */
    public static Optional<String> secretExpiry(MailSettings settings, Protocol protocol, Instant now) {
        MailServer server = settings.server(protocol);
        LocalDate expires = server.getOauth().getClientSecretExpires();
        if (!server.isSet() || !server.isOauth2() || expires == null) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        long days = ChronoUnit.DAYS.between(today, expires);
        if (days > SECRET_EXPIRY_WARNING_DAYS) {
            return Optional.empty();
        }
        return Optional.of(protocol.mailName() + ": the OAuth2 client secret " + (days < 0 ? "expired on " + expires
                + ": the provider refuses to renew the sign-in" : "expires on " + expires + (days == 0 ? " (today)"
                : ", in " + days + " day" + (days == 1 ? "" : "s"))) + ". Create a new secret at the provider,"
                + " enter it and its expiry date on the Email page, then Apply now.");
    }

    private static String shown(MailSettings settings, Protocol protocol) {
        return settings.server(protocol).isSet() ? settings.server(protocol).address(protocol) : "off";
    }
}
