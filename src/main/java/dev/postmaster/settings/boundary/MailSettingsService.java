package dev.postmaster.settings.boundary;

import dev.postmaster.settings.control.SettingsSeed;
import dev.postmaster.settings.entity.AuditEntry;
import dev.postmaster.settings.entity.MailPassword;
import dev.postmaster.settings.entity.MailServer;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.Protocol;
import dev.postmaster.settings.entity.SettingsChange;
import dev.postmaster.settings.entity.SettingsSlot;
import dev.postmaster.settings.entity.SettingsSource;
import dev.postmaster.settings.entity.StoredMailSettings;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Saves and reads the Email settings. A save always lands in the pending slot, never straight in the active
 * one: the documented rule is that saved settings take effect when the application (re)starts, and the only way
 * from pending to active is {@link #activatePending()}, which the boot path runs.
 */
@Stateless
public class MailSettingsService {

    @PersistenceContext
    EntityManager em;

    @Inject
    Validator validator;

    @Inject
    SecretBox secretBox;

    @Inject
    SettingsSeed seed;

    @Inject
    SettingsAudit audit;

    @Inject
    Logger log;

    private final Clock clock = Clock.systemUTC();

    public Optional<StoredMailSettings> pending() {
        return find(SettingsSlot.PENDING);
    }

    public Optional<StoredMailSettings> active() {
        return find(SettingsSlot.ACTIVE);
    }

    /** The version of the active row, read cheaply: each node compares it with the one it runs every few seconds. */
    public Optional<Long> activeVersion() {
        return em.createQuery("select s.version from StoredMailSettings s where s.slot = :slot", Long.class)
                .setParameter("slot", SettingsSlot.ACTIVE).getResultStream().findFirst();
    }

    /**
     * What the Email page starts from: the pending version if there is one, else the active one, else the
     * seeded first-start values, else the defaults.
     */
    public MailSettings current() {
        return pending().or(this::active).map(stored -> stored.getSettings().copy())
                .or(seed::settings)
                .orElseGet(MailSettings::new);
    }

    /**
     * Validates {@code draft} and stores it as the pending version.
     *
     * @param draft the settings as entered, with the sealed passwords of the page's starting point (or none)
     * @param outgoingPassword a newly entered outgoing password, or blank to keep the stored one
     * @param incomingPassword a newly entered incoming password, or blank to keep the stored one
     * @return the pending version, or empty when the draft equals what is active (nothing is pending then)
     * @throws InvalidSettingsException with one message per field; nothing is stored. A password that is too
     *         long is refused before anything else is looked at, and is neither sealed nor stored
     */
    public Optional<StoredMailSettings> save(MailSettings draft, String outgoingPassword, String incomingPassword,
            String savedBy) {
        refuseTooLong(outgoingPassword, incomingPassword);
        MailSettings base = current();
        MailSettings candidate = draft.copy();
        keepOrSeal(Protocol.SMTP, candidate, base, outgoingPassword);
        keepOrSeal(Protocol.IMAP, candidate, base, incomingPassword);
        validate(candidate);

        Optional<StoredMailSettings> pending = findForUpdate(SettingsSlot.PENDING);
        Optional<StoredMailSettings> active = active();
        List<SettingsChange> changes = SettingsAudit.changes(pending.or(() -> active)
                .map(StoredMailSettings::getSettings).orElse(null), candidate);
        audit.record(savedBy, AuditEntry.Action.SAVED, changes.isEmpty() ? "Saved without changes"
                : "Saved; takes effect at the next restart or Apply now", changes);
        if (active.isPresent() && candidate.changedFields(active.get().getSettings()).isEmpty()) {
            pending.ifPresent(em::remove);
            log.info(() -> "Email settings saved by " + savedBy + " equal the active settings; nothing is pending");
            return Optional.empty();
        }
        StoredMailSettings saved = new StoredMailSettings(SettingsSlot.PENDING, candidate, SettingsSource.CONSOLE,
                Instant.now(clock), savedBy);
        if (pending.isPresent()) {
            pending.get().replaceWith(saved);
            saved = pending.get();
        } else {
            em.persist(saved);
        }
        log.info(() -> "Email settings saved by " + savedBy + "; they take effect at the next restart");
        return Optional.of(saved);
    }

    /**
     * The boot path's first step: makes the pending version active. On a first start with nothing stored, the
     * seeded values become the active version instead. Either is recorded in the audit.
     *
     * @param actor who runs the boot path: "system" at startup, else the administrator who chose Apply now
     * @param atStartup whether this is the process starting (rather than "Apply now")
     * @return the active version, if any
     */
    public Optional<StoredMailSettings> activatePending(String actor, boolean atStartup) {
        Optional<StoredMailSettings> pending = findForUpdate(SettingsSlot.PENDING);
        Optional<StoredMailSettings> active = findForUpdate(SettingsSlot.ACTIVE);
        Instant now = Instant.now(clock);
        if (pending.isPresent()) {
            StoredMailSettings target = active.orElseGet(() -> {
                StoredMailSettings fresh = new StoredMailSettings(SettingsSlot.ACTIVE,
                        pending.get().getSettings().copy(), pending.get().getSource(), pending.get().getSavedAt(),
                        pending.get().getSavedBy());
                em.persist(fresh);
                return fresh;
            });
            List<SettingsChange> changes = SettingsAudit.changes(active.map(a -> a.getSettings().copy())
                    .orElse(null), pending.get().getSettings());
            target.replaceWith(pending.get());
            target.setActivatedAt(now);
            em.remove(pending.get());
            audit.record(actor, atStartup ? AuditEntry.Action.ACTIVATED_AT_STARTUP : AuditEntry.Action.APPLIED_NOW,
                    "Pending settings saved by " + pending.get().getSavedBy() + " are now active", changes);
            em.flush();
            return Optional.of(target);
        }
        if (active.isPresent()) {
            return active;
        }
        return seed.settings().flatMap(seeded -> {
            Map<String, String> problems = problemsOf(seeded);
            if (!problems.isEmpty()) {
                log.warning(() -> "The POSTMASTER_* mail settings in the environment are invalid and were not used: "
                        + problems);
                return Optional.empty();
            }
            StoredMailSettings fresh = new StoredMailSettings(SettingsSlot.ACTIVE, seeded, SettingsSource.ENVIRONMENT,
                    now, "environment");
            fresh.setActivatedAt(now);
            em.persist(fresh);
            audit.record(actor, AuditEntry.Action.SEEDED, "First start: settings seeded from the POSTMASTER_*"
                    + " environment", SettingsAudit.changes(null, seeded));
            log.info("No saved Email settings: seeded them from the POSTMASTER_* environment");
            return Optional.of(fresh);
        });
    }

    /** Checks settings against every rule, including those that span fields, without storing anything. */
    public void validate(MailSettings candidate) {
        Map<String, String> problems = problemsOf(candidate);
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }

    private Map<String, String> problemsOf(MailSettings candidate) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (ConstraintViolation<MailSettings> violation : validator.validate(candidate)) {
            String property = violation.getPropertyPath().toString();
            problems.merge(property.isEmpty() ? "settings" : property, violation.getMessage(),
                    (first, second) -> first);
        }
        return problems;
    }

    /**
     * The Email page checks the length of a typed password itself; this is for whoever calls {@link #save}
     * without the page, with the same rule, and reports on the same fields.
     */
    private void refuseTooLong(String outgoingPassword, String incomingPassword) {
        Map<String, String> problems = new LinkedHashMap<>();
        validator.validate(new TypedPasswords(outgoingPassword, incomingPassword)).forEach(violation ->
                problems.put((violation.getPropertyPath().toString().equals("outgoing")
                        ? MailSettings.Field.OUTGOING_PASSWORD : MailSettings.Field.INCOMING_PASSWORD).property(),
                        violation.getMessage()));
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }

    /** The passwords as typed with a save, under the rule the page's fields follow. */
    private record TypedPasswords(@MailPassword String outgoing, @MailPassword String incoming) {
    }

    /**
     * An empty password field keeps the stored password; the same password typed again keeps its sealed form.
     * The password is sealed for the field of the server's protocol, so that it opens only there.
     */
    private void keepOrSeal(Protocol protocol, MailSettings candidate, MailSettings base, String entered) {
        SecretField field = SecretField.passwordOf(protocol);
        String stored = base.server(protocol).getPasswordSealed();
        MailServer server = candidate.server(protocol);
        if (entered == null || entered.isEmpty()) {
            server.setPasswordSealed(stored);
        } else {
            server.setPasswordSealed(secretBox.sameSecret(field, stored, entered) ? stored
                    : secretBox.seal(field, entered));
        }
    }

    private Optional<StoredMailSettings> find(SettingsSlot slot) {
        return em.createNamedQuery(StoredMailSettings.FIND_BY_SLOT, StoredMailSettings.class)
                .setParameter("slot", slot)
                .getResultStream().findFirst();
    }

    private Optional<StoredMailSettings> findForUpdate(SettingsSlot slot) {
        return em.createNamedQuery(StoredMailSettings.FIND_BY_SLOT, StoredMailSettings.class)
                .setParameter("slot", slot)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
    }
}
