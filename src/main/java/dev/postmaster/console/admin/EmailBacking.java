package dev.postmaster.console.admin;

import dev.postmaster.mailruntime.boundary.MailRuntime;
import dev.postmaster.mailruntime.boundary.MailSessions;
import dev.postmaster.mailruntime.boundary.TestMailOutcome;
import dev.postmaster.mailruntime.boundary.TestMailSender;
import dev.postmaster.settings.boundary.InvalidSettingsException;
import dev.postmaster.settings.boundary.MailSettingsService;
import dev.postmaster.settings.control.SecretUnreadableException;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.SettingsSource;
import dev.postmaster.settings.entity.StoredMailSettings;
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

/**
 * Backs {@code admin/email.xhtml}, the seed's "Admin Settings &gt; Email" page. The form edits a copy of the
 * settings; Update hands it to {@link MailSettingsService}, which stores it as pending. The page then shows a
 * banner with what differs from the active settings until the next restart applies them.
 *
 * <p>Passwords typed into the page live only until the request that saves them; they are never put back into
 * the page.
 */
@Named
@ViewScoped
public class EmailBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "email";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Inject
    transient MailSettingsService settingsService;

    @Inject
    transient MailRuntime runtime;

    @Inject
    transient TestMailSender testMailSender;

    @Inject
    transient SecurityContext securityContext;

    private MailSettings settings;
    private transient String smtpPassword;
    private transient String imapPassword;
    private String testRecipient;
    private TestMailOutcome testOutcome;
    private List<String> pendingChanges;
    private String pendingSavedBy;
    private String activeSource;

    @PostConstruct
    void load() {
        settings = settingsService.current();
        refreshStatus();
    }

    public void update() {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            Optional<StoredMailSettings> pending = settingsService.save(settings, smtpPassword, imapPassword,
                    securityContext.getCallerPrincipal().getName());
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

    public void sendTestEmail() {
        testOutcome = testMailSender.send(testRecipient);
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

    private static String format(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
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

    public TestMailOutcome getTestOutcome() {
        return testOutcome;
    }
}
