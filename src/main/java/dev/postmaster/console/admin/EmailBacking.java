package dev.postmaster.console.admin;

import dev.postmaster.console.Formats;
import dev.postmaster.console.Messages;
import dev.postmaster.console.PagedList;
import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.mailruntime.boundary.ConnectionTests;
import dev.postmaster.mailruntime.boundary.ConnectionTests.Target;
import dev.postmaster.mailruntime.boundary.DiagnosticReport;
import dev.postmaster.mailruntime.boundary.MailRuntime;
import dev.postmaster.mailruntime.boundary.MailSessions;
import dev.postmaster.security.boundary.ActiveUser;
import dev.postmaster.settings.boundary.InvalidSettingsException;
import dev.postmaster.settings.boundary.MailSettingsService;
import dev.postmaster.settings.boundary.OAuthClient;
import dev.postmaster.settings.boundary.OAuthConnections;
import dev.postmaster.settings.boundary.SecretUnreadableException;
import dev.postmaster.settings.boundary.SenderPolicy;
import dev.postmaster.settings.boundary.SenderPolicy.Actor;
import dev.postmaster.settings.boundary.SettingsAudit;
import dev.postmaster.settings.entity.AuditEntry;
import dev.postmaster.settings.entity.AuthMethod;
import dev.postmaster.settings.entity.MailPassword;
import dev.postmaster.settings.entity.MailServer;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.OAuthProvider;
import dev.postmaster.settings.entity.OAuthSettings;
import dev.postmaster.settings.entity.Protocol;
import dev.postmaster.settings.entity.SettingsSource;
import dev.postmaster.settings.entity.StoredMailSettings;
import dev.postmaster.settings.entity.TransportSecurity;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Backs {@code admin/email.xhtml}, "Admin Settings › Email" of the documented TeamConnect page. The form edits a
 * copy of the settings; Update hands it to {@link MailSettingsService}, which stores it as pending. The page then
 * shows a banner with what differs from the running settings until a restart, or "Apply now", runs the boot
 * path.
 *
 * <p>Besides the form, the page shows what a notification's sender would look like under the switches as they
 * are on the page (through the same {@link SenderPolicy} every mail uses), tests connections step by step, and
 * lists the settings' history.
 *
 * <p>Passwords and OAuth2 client secrets typed into the page live only until the request that saves them; they
 * are never put back into the page. Connect and Disconnect of an OAuth2 account save the page first.
 */
@Named
@ViewScoped
public class EmailBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "email";
    /** The second person in the sender preview: someone whose contact has no email address. */
    static final Actor USER_WITHOUT_EMAIL = new Actor("Pat Example", null);

    @Inject
    MailSettingsService settingsService;

    @Inject
    MailRuntime runtime;

    @Inject
    ConnectionTests connectionTests;

    @Inject
    SenderPolicy senderPolicy;

    @Inject
    SettingsAudit audit;

    @Inject
    ActiveUser activeUser;

    @Inject
    Formats formats;

    @Inject
    OAuthConnections connections;

    private MailSettings settings;
    /** Checked where it is typed, so that a password too long is shown beside its field and never sealed. */
    @MailPassword
    private transient String outgoingPassword;
    @MailPassword
    private transient String incomingPassword;
    @MailPassword
    private transient String outgoingClientSecret;
    @MailPassword
    private transient String incomingClientSecret;
    private String testRecipient;
    private Target testTarget = Target.ACTIVE;
    private DiagnosticReport testReport;
    /** Whether {@link #testReport} is from "Test incoming connection" (which sends nothing). */
    private boolean incomingTested;
    private List<String> pendingChanges;
    private String pendingSavedBy;
    private String activeSource;
    private Actor signedInActor;
    private String unverifiedOwnAddress;
    private PagedList<AuditEntry> history;

    @PostConstruct
    void load() {
        settings = settingsService.current();
        Optional<Contact> contact = activeUser.contact();
        String name = contact.map(Contact::getFullName).orElse(activeUser.getUsername());
        // The preview shows the sender as notifications get it: the own address only once it is verified.
        signedInActor = new Actor(name, contact.flatMap(Contact::verifiedDefaultEmail).orElse(null));
        testRecipient = contact.flatMap(Contact::defaultEmail).orElse(null);
        unverifiedOwnAddress = contact.filter(Contact::isDefaultEmailUnverified).flatMap(Contact::defaultEmail)
                .orElse(null);
        history = new PagedList<>(new PagedList.Source<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public long count() {
                return audit.count();
            }

            @Override
            public List<AuditEntry> page(int first, int max) {
                return audit.newestFirst(first, max);
            }

            @Override
            public String key(AuditEntry row) {
                return String.valueOf(row.getId());
            }
        });
        refreshStatus();
    }

    public void update() {
        save();
    }

    /** Stores the page as pending; {@code false}, with the problems beside their fields, when it was refused. */
    private boolean save() {
        try {
            Optional<StoredMailSettings> pending = settingsService.save(settings, new MailSettingsService.TypedSecrets(
                    outgoingPassword, incomingPassword, outgoingClientSecret, incomingClientSecret),
                    activeUser.getUsername());
            settings = settingsService.current();
            refreshStatus();
            if (pending.isEmpty()) {
                // With something pending, the banner says it all; this is the one case it does not show.
                Messages.info("Settings saved. They are the same as the settings running now, so nothing is"
                        + " pending.");
            }
            return true;
        } catch (InvalidSettingsException e) {
            FacesContext faces = FacesContext.getCurrentInstance();
            for (Map.Entry<String, String> problem : e.problems().entrySet()) {
                Optional<String> field = EmailFields.inputFor(problem.getKey()).map(id -> FORM + ":" + id)
                        .filter(clientId -> faces.getViewRoot().findComponent(clientId) != null);
                Messages.error(field.orElse(null), problem.getValue());
            }
            Messages.error(null, "The settings were not saved. Correct the fields marked below.");
        } catch (SecretUnreadableException e) {
            Messages.error(null, "The settings were not saved. " + e.getMessage());
        } finally {
            outgoingPassword = null;
            incomingPassword = null;
            outgoingClientSecret = null;
            incomingClientSecret = null;
        }
        return false;
    }

    /**
     * "Connect": saves the page (the provider's answer is checked against the saved client), then sends the
     * browser to the provider to sign in and consent. The answer comes back to {@link OAuthCallback}.
     */
    public void connect(Protocol protocol) throws IOException {
        if (!save()) {
            return;
        }
        try {
            FacesContext.getCurrentInstance().getExternalContext().redirect(connections.begin(protocol).toString());
        } catch (OAuthConnections.ConnectRefused e) {
            Messages.error(null, e.getMessage());
        }
    }

    /**
     * "Disconnect": saves the page, as Connect does, so that nothing typed is lost, then forgets the server's
     * tokens, as a pending change.
     */
    public void disconnect(Protocol protocol) {
        if (!save()) {
            return;
        }
        settingsService.disconnect(protocol, activeUser.getUsername());
        settings = settingsService.current();
        refreshStatus();
        Messages.info("Disconnected the " + protocol.direction() + " server's OAuth2 account. It takes effect at"
                + " Apply now or at the next restart.");
    }

    /** Says once how a Connect ended, when the provider has sent the browser back to this page. */
    public void showConnectOutcome() {
        connections.takeOutcome().ifPresent(outcome -> {
            if (outcome.connected()) {
                Messages.info(outcome.message());
            } else {
                Messages.error(null, outcome.message());
            }
        });
    }

    /** Runs the boot path in place: the pending settings become the running ones, without a restart. */
    public void applyNow() {
        MailSessions applied = runtime.applyNow(activeUser.getUsername());
        settings = settingsService.current();
        refreshStatus();
        String problems = applied.problems().isEmpty() ? "" : " Note: " + String.join("; ", applied.problems());
        Messages.info("Applied. The application now runs with the saved settings." + problems);
    }

    public void sendTestEmail() {
        testReport = connectionTests.outgoing(testTarget, testRecipient, activeUser.getUsername());
        incomingTested = false;
    }

    public void testIncoming() {
        testReport = connectionTests.incoming(testTarget, activeUser.getUsername());
        incomingTested = true;
    }

    /**
     * The first words of the test dialog: whether the test email was sent or, for the incoming test, which
     * sends nothing, whether the incoming account could be signed in to.
     */
    public String getTestVerdict() {
        if (testReport == null) {
            return "";
        }
        if (incomingTested) {
            return testReport.ok() ? "Signed in." : "Not signed in.";
        }
        return testReport.ok() ? "Sent." : "Not sent.";
    }

    // --- sender preview

    /** The From/Reply-To of a notification the signed-in administrator triggers, under the page's switches. */
    public String getPreviewForSignedInUser() {
        return preview(senderPolicy.forActor(settings, signedInActor));
    }

    /** The same for a user whose contact has no email address. */
    public String getPreviewForUserWithoutEmail() {
        return preview(senderPolicy.forActor(settings, USER_WITHOUT_EMAIL));
    }

    public String getSignedInActorDescription() {
        if (unverifiedOwnAddress != null) {
            return signedInActor.name() + " (you; your address " + unverifiedOwnAddress
                    + " is not verified yet, so it is not used)";
        }
        return signedInActor.name() + (signedInActor.email() == null
                ? " (you; your contact has no email address)"
                : " (you, " + signedInActor.email() + ")");
    }

    /** The From, and the Reply-To when replies go elsewhere ("Replies ... go to the incoming mailbox"). */
    private static String preview(SenderPolicy.Sender sender) {
        if (!sender.canSend()) {
            return "No mail would be sent: " + sender.reasonIfNone();
        }
        String from = sender.address().get().toUnicodeString();
        return sender.replyTo().map(replyTo -> from + ", Reply-To " + replyTo.toUnicodeString()).orElse(from);
    }

    // --- ports: the hint says what an empty port means, from the one place ports are known

    /** What an empty outgoing port means with the encryption chosen on the page, and the other choices. */
    public String getOutgoingPortHint() {
        return portHint(Protocol.SMTP, settings.getOutgoing());
    }

    public String getIncomingPortHint() {
        return portHint(Protocol.IMAP, settings.getIncoming());
    }

    /** What an empty incoming mailbox address means with the username on the page. */
    public String getIncomingAddressHint() {
        String address = settings.effectiveIncomingAddress();
        return "Where replies to notifications are sent when the switch below is on."
                + (settings.getIncomingAddress() == null && address != null ? " Empty: " + address
                        + ", the username." : "");
    }

    private static String portHint(Protocol protocol, MailServer server) {
        TransportSecurity chosen = server.getSecurity();
        return "Leave empty for " + protocol.defaultPort(chosen) + " (" + chosen.label() + "). "
                + List.of(TransportSecurity.SSL_TLS, TransportSecurity.STARTTLS, TransportSecurity.NONE).stream()
                        .map(s -> s.label() + " is port " + protocol.defaultPort(s)).collect(Collectors.joining(", "))
                + ".";
    }

    // --- what the banner and the "running now" panel show

    /** Reads the pending version once per load or save, not once per EL expression. */
    private void refreshStatus() {
        Optional<StoredMailSettings> pending = settingsService.pending();
        pendingChanges = pending
                .map(p -> p.getSettings().changedFields(runtime.current().settings()).stream()
                        .map(EmailFields::label).toList())
                .orElse(null);
        pendingSavedBy = pending.map(p -> p.getSavedBy() + " at " + formats.instant(p.getSavedAt())).orElse("");
        activeSource = settingsService.active()
                .map(a -> a.getSource() == SettingsSource.ENVIRONMENT
                        ? "seeded from the POSTMASTER_* environment at first start"
                        : "saved by " + a.getSavedBy() + " at " + formats.instant(a.getSavedAt()))
                .orElse("");
    }

    public boolean isPending() {
        return pendingChanges != null;
    }

    /** Labels of the fields that differ between the pending and the running settings. */
    public List<String> getPendingChanges() {
        return pendingChanges == null ? List.of() : pendingChanges;
    }

    public String getPendingSavedBy() {
        return pendingSavedBy;
    }

    public String getActiveSource() {
        return activeSource;
    }

    public MailSessions getRunning() {
        return runtime.current();
    }

    public MailSettings getActive() {
        return runtime.current().settings();
    }

    /** A running server as "host:port (encryption)", or "none". */
    public String running(Protocol protocol) {
        MailSettings active = getActive();
        if (active == null || !active.server(protocol).isSet()) {
            return "none";
        }
        MailServer server = active.server(protocol);
        return server.address(protocol) + (server.getSecurity() == TransportSecurity.NONE ? ""
                : " (" + server.getSecurity().label() + ")");
    }

    public String getActiveSince() {
        return formats.instant(runtime.current().appliedAt());
    }

    /** The changes of a History entry, one per line, in the page's words. */
    public String changesOf(AuditEntry entry) {
        if (entry.getChanges().isEmpty()) {
            return entry.getRecordedText() == null ? "" : entry.getRecordedText();
        }
        return entry.getChanges().stream().map(EmailFields::describe).collect(Collectors.joining("\n"));
    }

    // --- OAuth2

    /** The redirect URL to register with the provider, or what is missing to have one. */
    public String getRedirectUri() {
        String uri = OAuthClient.redirectUri(settings);
        return uri != null ? uri : "Enter the Application URL (Email Notifications) and save: the redirect URL is"
                + " built from it.";
    }

    /** What the page says of a server's OAuth2 grant as saved: who is connected since when, or nobody. */
    public String connection(Protocol protocol) {
        OAuthSettings oauth = settings.server(protocol).getOauth();
        if (!oauth.isConnected()) {
            return "Not connected.";
        }
        return "Connected as " + (oauth.getAccount() == null ? "an account the provider did not name"
                : oauth.getAccount()) + " on " + formats.instant(oauth.getGrantedAt()) + ".";
    }

    public boolean connected(Protocol protocol) {
        return settings.server(protocol).getOauth().isConnected();
    }

    /** The preset's scopes, shown as the placeholder of the scopes field. */
    public String presetScopes(Protocol protocol) {
        OAuthProvider provider = settings.server(protocol).getOauth().getProvider();
        String scopes = provider == null ? null : provider.scopes(protocol);
        return scopes == null ? "" : scopes;
    }

    /** A warning when the client secret expires within 30 days (or has), else empty. */
    public String secretExpiryWarning(Protocol protocol) {
        return MailRuntime.secretExpiry(settings, protocol, Instant.now()).orElse("");
    }

    public OAuthProvider[] getProviders() {
        return OAuthProvider.values();
    }

    public AuthMethod[] getOutgoingAuthMethods() {
        return AuthMethod.values();
    }

    /** The incoming account always signs in. */
    public AuthMethod[] getIncomingAuthMethods() {
        return new AuthMethod[] {AuthMethod.PASSWORD, AuthMethod.OAUTH2};
    }

    /** Warnings about the running settings that count down (an OAuth2 client secret about to expire). */
    public List<String> getRunningWarnings() {
        MailSettings active = getActive();
        if (active == null) {
            return List.of();
        }
        Instant now = Instant.now();
        return Arrays.stream(Protocol.values()).map(protocol -> MailRuntime.secretExpiry(active, protocol, now))
                .flatMap(Optional::stream).toList();
    }

    /** How a running server signs in, for the "Running now" panel. */
    public String runningSignIn(Protocol protocol) {
        MailSettings active = getActive();
        if (active == null || !active.server(protocol).isSet()) {
            return "none";
        }
        MailServer server = active.server(protocol);
        return switch (server.getAuthMethod()) {
            case NONE -> "none";
            case PASSWORD -> "password, as " + server.getUsername();
            case OAUTH2 -> "OAuth2 (" + (server.getOauth().getProvider() == null ? "?"
                    : server.getOauth().getProvider().label()) + "), as " + server.oauthUser();
        };
    }

    public boolean isOutgoingClientSecretStored() {
        return settings.getOutgoing().getOauth().getClientSecretSealed() != null;
    }

    public boolean isIncomingClientSecretStored() {
        return settings.getIncoming().getOauth().getClientSecretSealed() != null;
    }

    public String getOutgoingClientSecret() {
        return null;
    }

    public void setOutgoingClientSecret(String outgoingClientSecret) {
        this.outgoingClientSecret = outgoingClientSecret;
    }

    public String getIncomingClientSecret() {
        return null;
    }

    public void setIncomingClientSecret(String incomingClientSecret) {
        this.incomingClientSecret = incomingClientSecret;
    }

    public boolean isOutgoingPasswordStored() {
        return settings.getOutgoing().getPasswordSealed() != null;
    }

    public boolean isIncomingPasswordStored() {
        return settings.getIncoming().getPasswordSealed() != null;
    }

    public TransportSecurity[] getSecurityChoices() {
        return TransportSecurity.values();
    }

    public Target[] getTestTargets() {
        return Target.values();
    }

    public PagedList<AuditEntry> getHistory() {
        return history;
    }

    // --- form properties

    public MailSettings getSettings() {
        return settings;
    }

    public String getOutgoingPassword() {
        return null;
    }

    public void setOutgoingPassword(String outgoingPassword) {
        this.outgoingPassword = outgoingPassword;
    }

    public String getIncomingPassword() {
        return null;
    }

    public void setIncomingPassword(String incomingPassword) {
        this.incomingPassword = incomingPassword;
    }

    public String getTestRecipient() {
        return testRecipient;
    }

    public void setTestRecipient(String testRecipient) {
        this.testRecipient = testRecipient;
    }

    public Target getTestTarget() {
        return testTarget;
    }

    public void setTestTarget(Target testTarget) {
        this.testTarget = testTarget == null ? Target.ACTIVE : testTarget;
    }

    public DiagnosticReport getTestReport() {
        return testReport;
    }
}
