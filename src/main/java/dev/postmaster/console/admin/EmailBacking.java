package dev.postmaster.console.admin;

import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.mailruntime.boundary.ConnectionTests;
import dev.postmaster.mailruntime.boundary.ConnectionTests.Target;
import dev.postmaster.mailruntime.boundary.MailRuntime;
import dev.postmaster.mailruntime.boundary.MailSessions;
import dev.postmaster.mailruntime.control.DiagnosticReport;
import dev.postmaster.notification.boundary.SenderPolicy;
import dev.postmaster.notification.boundary.SenderPolicy.Actor;
import dev.postmaster.security.boundary.UserAccounts;
import dev.postmaster.security.entity.UserAccount;
import dev.postmaster.settings.boundary.InvalidSettingsException;
import dev.postmaster.settings.boundary.MailSettingsService;
import dev.postmaster.settings.boundary.SettingsAudit;
import dev.postmaster.settings.control.SecretUnreadableException;
import dev.postmaster.settings.entity.AuditEntry;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.SettingsSource;
import dev.postmaster.settings.entity.StoredMailSettings;
import dev.postmaster.settings.entity.TransportSecurity;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.primefaces.model.LazyDataModel;

/**
 * Backs {@code admin/email.xhtml}, the seed's "Admin Settings &gt; Email" page. The form edits a copy of the
 * settings; Update hands it to {@link MailSettingsService}, which stores it as pending. The page then shows a
 * banner with what differs from the running settings until a restart, or "Apply now", runs the boot path.
 *
 * <p>Besides the form, the page shows what a notification's sender would look like under the switches as they
 * are on the page (through the same {@link SenderPolicy} every mail uses), tests connections step by step, and
 * lists the settings' history.
 *
 * <p>Passwords typed into the page live only until the request that saves them; they are never put back into
 * the page.
 */
@Named
@ViewScoped
public class EmailBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "email";
    /** The second person in the sender preview: someone whose contact has no email address. */
    static final Actor USER_WITHOUT_EMAIL = new Actor("Pat", "Example", null);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Inject
    MailSettingsService settingsService;

    @Inject
    MailRuntime runtime;

    @Inject
    ConnectionTests connectionTests;

    @Inject
    SenderPolicy senderPolicy;

    @Inject
    UserAccounts accounts;

    @Inject
    SettingsAudit audit;

    @Inject
    SecurityContext securityContext;

    private MailSettings settings;
    private transient String smtpPassword;
    private transient String imapPassword;
    private String testRecipient;
    private Target testTarget = Target.ACTIVE;
    private DiagnosticReport testReport;
    /** Whether {@link #testReport} is from "Test incoming connection" (which sends nothing). */
    private boolean incomingTested;
    private List<String> pendingChanges;
    private String pendingSavedBy;
    private String activeSource;
    private Actor signedInActor;
    private LazyDataModel<AuditEntry> auditModel;

    @PostConstruct
    void load() {
        settings = settingsService.current();
        Optional<Contact> contact = accounts.find(caller()).flatMap(UserAccount::contact);
        signedInActor = new Actor(contact.map(Contact::getFirstName).orElse(caller()),
                contact.map(Contact::getLastName).orElse(null),
                contact.flatMap(Contact::defaultEmail).orElse(null));
        testRecipient = signedInActor.email();
        auditModel = new AuditLazyModel(audit);
        refreshStatus();
    }

    public void update() {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            Optional<StoredMailSettings> pending = settingsService.save(settings, smtpPassword, imapPassword,
                    caller());
            settings = settingsService.current();
            refreshStatus();
            if (pending.isEmpty()) {
                // With something pending, the banner says it all; this is the one case it does not show.
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                        "Settings saved. They are the same as the settings running now, so nothing is pending.",
                        null));
            }
        } catch (InvalidSettingsException e) {
            for (Map.Entry<String, String> problem : e.problems().entrySet()) {
                String clientId = FORM + ":" + problem.getKey();
                boolean onField = faces.getViewRoot().findComponent(clientId) != null;
                faces.addMessage(onField ? clientId : null,
                        new FacesMessage(FacesMessage.SEVERITY_ERROR, problem.getValue(), null));
            }
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "The settings were not saved. Correct the fields marked below.", null));
            faces.validationFailed();
        } catch (SecretUnreadableException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "The settings were not saved. " + e.getMessage(), null));
            faces.validationFailed();
        } finally {
            smtpPassword = null;
            imapPassword = null;
        }
    }

    /** Runs the boot path in place: the pending settings become the running ones, without a restart. */
    public void applyNow() {
        MailSessions applied = runtime.applyNow(caller());
        settings = settingsService.current();
        refreshStatus();
        String problems = applied.problems().isEmpty() ? "" : " Note: " + String.join("; ", applied.problems());
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                "Applied. The application now runs with the saved settings." + problems, null));
    }

    public void sendTestEmail() {
        testReport = connectionTests.outgoing(testTarget, testRecipient, caller());
        incomingTested = false;
    }

    public void testIncoming() {
        testReport = connectionTests.incoming(testTarget, caller());
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
        String name = signedInActor.displayName() == null ? caller() : signedInActor.displayName();
        return name + (signedInActor.email() == null ? " (you; your contact has no email address)"
                : " (you, " + signedInActor.email() + ")");
    }

    private static String preview(SenderPolicy.Sender sender) {
        return sender.address().map(address -> address.toUnicodeString())
                .orElse("No mail would be sent: " + sender.reasonIfNone());
    }

    // --- what the banner and the "running now" panel show

    /** Reads the pending version once per load or save, not once per EL expression. */
    private void refreshStatus() {
        Optional<StoredMailSettings> pending = settingsService.pending();
        pendingChanges = pending
                .map(p -> p.getSettings().differencesFrom(runtime.current().settings()))
                .orElse(null);
        pendingSavedBy = pending.map(p -> p.getSavedBy() + " at " + format(p.getSavedAt())).orElse("");
        activeSource = settingsService.active()
                .map(a -> a.getSource() == SettingsSource.ENVIRONMENT
                        ? "seeded from the POSTMASTER_* environment at first start"
                        : "saved by " + a.getSavedBy() + " at " + format(a.getSavedAt()))
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

    public String getActiveSince() {
        return format(runtime.current().appliedAt());
    }

    public boolean isSmtpPasswordStored() {
        return settings.getSmtpPasswordSealed() != null;
    }

    public boolean isImapPasswordStored() {
        return settings.getImapPasswordSealed() != null;
    }

    public TransportSecurity[] getSecurityChoices() {
        return TransportSecurity.values();
    }

    public Target[] getTestTargets() {
        return Target.values();
    }

    public LazyDataModel<AuditEntry> getAudit() {
        return auditModel;
    }

    public String format(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }

    private String caller() {
        return securityContext.getCallerPrincipal().getName();
    }

    // --- form properties

    public MailSettings getSettings() {
        return settings;
    }

    public String getSmtpPassword() {
        return null;
    }

    public void setSmtpPassword(String smtpPassword) {
        this.smtpPassword = smtpPassword;
    }

    public String getImapPassword() {
        return null;
    }

    public void setImapPassword(String imapPassword) {
        this.imapPassword = imapPassword;
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
