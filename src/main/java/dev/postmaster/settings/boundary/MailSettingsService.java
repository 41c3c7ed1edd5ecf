package dev.postmaster.settings.boundary;

import dev.postmaster.settings.control.SettingsSeed;
import dev.postmaster.settings.entity.AuditEntry;
import dev.postmaster.settings.entity.MailPassword;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.OAuthSettings;
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
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
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
        return save(draft, new TypedSecrets(outgoingPassword, incomingPassword, null, null), savedBy);
    }

    /**
     * As {@link #save(MailSettings, String, String, String)}, with every secret the page takes: the passwords and
     * the OAuth2 client secrets, each blank to keep the stored one. The OAuth2 grants are never taken from the
     * draft: {@link #connect} and {@link #disconnect} change them, and a draft from a page opened earlier would
     * otherwise put back a refresh token the provider has since replaced. A grant stays while its client stays
     * the same (provider, token endpoint, client id); under another client it would be refused, so it goes.
     */
    public Optional<StoredMailSettings> save(MailSettings draft, TypedSecrets typed, String savedBy) {
        refuseTooLong(typed);
        MailSettings base = current();
        MailSettings candidate = draft.copy();
        for (Protocol protocol : Protocol.values()) {
            keepOrSeal(SecretField.passwordOf(protocol), base.server(protocol).getPasswordSealed(),
                    typed.password(protocol), candidate.server(protocol)::setPasswordSealed);
            OAuthSettings oauth = candidate.server(protocol).getOauth();
            OAuthSettings before = base.server(protocol).getOauth();
            keepOrSeal(SecretField.clientSecretOf(protocol), before.getClientSecretSealed(),
                    typed.clientSecret(protocol), oauth::setClientSecretSealed);
            if (oauth.sameClientAs(before)) {
                oauth.keepGrantOf(before);
            } else {
                oauth.forgetGrant();
            }
        }
        validate(candidate);
        return storePending(candidate, savedBy, AuditEntry.Action.SAVED, null);
    }

    /**
     * Records the grant an account gave the OAuth2 client of the {@code protocol} server, as a pending change
     * like any other: it takes effect at Apply now or at the next restart. The History says "connected account
     * X"; the refresh token is never part of it.
     *
     * @param sealedRefreshToken the refresh token, sealed for {@link SecretField#refreshTokenOf(Protocol)}
     */
    public Optional<StoredMailSettings> connect(Protocol protocol, String sealedRefreshToken, String account,
            Instant grantedAt, String administrator) {
        MailSettings candidate = current();
        candidate.server(protocol).getOauth().granted(sealedRefreshToken, account, grantedAt);
        return storePending(candidate, administrator, AuditEntry.Action.CONNECTED, "Connected account "
                + (account == null ? "(not named by the provider)" : account) + " to the " + protocol.direction()
                + " server (" + protocol.name() + "); takes effect at the next restart or Apply now");
    }

    /** Forgets the {@code protocol} server's grant ("Disconnect"), as a pending change. */
    public Optional<StoredMailSettings> disconnect(Protocol protocol, String administrator) {
        MailSettings candidate = current();
        OAuthSettings oauth = candidate.server(protocol).getOauth();
        String account = oauth.getAccount();
        oauth.forgetGrant();
        return storePending(candidate, administrator, AuditEntry.Action.DISCONNECTED, "Disconnected "
                + (account == null ? "the account" : account) + " from the " + protocol.direction() + " server ("
                + protocol.name() + "); takes effect at the next restart or Apply now");
    }

    /**
     * Stores the refresh token a provider gave in place of {@code oldSealed} (providers that rotate them, such
     * as Microsoft, hand out a new one with each refresh) in every slot that holds the old one, so that the next
     * start, and the pending version when it becomes active, use the new one. An update in place that leaves the
     * rows' versions alone: it is the same grant, and the other nodes have nothing to rebuild.
     *
     * @return how many slots held the old token
     */
    public int replaceRefreshToken(Protocol protocol, String oldSealed, String newSealed) {
        String column = protocol == Protocol.SMTP ? "smtp_oauth_refresh_sealed" : "imap_oauth_refresh_sealed";
        return em.createNativeQuery("UPDATE mail_settings SET " + column + " = ?1 WHERE " + column + " = ?2")
                .setParameter(1, newSealed).setParameter(2, oldSealed).executeUpdate();
    }

    /**
     * The refresh token the active row holds now for the grant made at {@code grantedAt}: another node may have
     * been given a new one since this node built its sessions.
     */
    public Optional<String> activeRefreshToken(Protocol protocol, Instant grantedAt) {
        String server = protocol == Protocol.SMTP ? "outgoing" : "incoming";
        return em.createQuery("select s.settings." + server + ".oauth.refreshTokenSealed from StoredMailSettings s"
                + " where s.slot = :slot and s.settings." + server + ".oauth.grantedAt = :grantedAt", String.class)
                .setParameter("slot", SettingsSlot.ACTIVE).setParameter("grantedAt", grantedAt)
                .getResultStream().filter(Objects::nonNull).findFirst();
    }

    private Optional<StoredMailSettings> storePending(MailSettings candidate, String savedBy,
            AuditEntry.Action action, String summary) {
        Optional<StoredMailSettings> pending = findForUpdate(SettingsSlot.PENDING);
        Optional<StoredMailSettings> active = active();
        List<SettingsChange> changes = SettingsAudit.changes(pending.or(() -> active)
                .map(StoredMailSettings::getSettings).orElse(null), candidate);
        audit.record(savedBy, action, summary != null ? summary : changes.isEmpty() ? "Saved without changes"
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
     * The Email page checks the length of a typed secret itself; this is for whoever calls {@link #save}
     * without the page, with the same rule, and reports on the same fields.
     */
    private void refuseTooLong(TypedSecrets typed) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (ConstraintViolation<TypedSecrets> violation : validator.validate(typed)) {
            MailSettings.Field field = switch (violation.getPropertyPath().toString()) {
                case "outgoingPassword" -> MailSettings.Field.OUTGOING_PASSWORD;
                case "incomingPassword" -> MailSettings.Field.INCOMING_PASSWORD;
                case "outgoingClientSecret" -> MailSettings.Field.OUTGOING_OAUTH_CLIENT_SECRET;
                default -> MailSettings.Field.INCOMING_OAUTH_CLIENT_SECRET;
            };
            problems.put(field.property(), violation.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }

    /** The secrets as typed with a save, each {@code null} or empty to keep the stored one. */
    public record TypedSecrets(@MailPassword String outgoingPassword, @MailPassword String incomingPassword,
            @MailPassword String outgoingClientSecret, @MailPassword String incomingClientSecret) {

        String password(Protocol protocol) {
            return protocol == Protocol.SMTP ? outgoingPassword : incomingPassword;
        }

        String clientSecret(Protocol protocol) {
            return protocol == Protocol.SMTP ? outgoingClientSecret : incomingClientSecret;
        }
    }

    /**
     * An empty field keeps the stored secret; the same secret typed again keeps its sealed form. It is sealed
     * for its field, so that it opens only there.
     */
    private void keepOrSeal(SecretField field, String stored, String entered, Consumer<String> store) {
        if (entered == null || entered.isEmpty()) {
            store.accept(stored);
        } else {
            store.accept(secretBox.sameSecret(field, stored, entered) ? stored : secretBox.seal(field, entered));
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
