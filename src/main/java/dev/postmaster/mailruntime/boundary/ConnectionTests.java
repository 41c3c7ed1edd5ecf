package dev.postmaster.mailruntime.boundary;

import dev.postmaster.mailruntime.control.MailDiagnostics;
import dev.postmaster.settings.boundary.MailSettingsService;
import dev.postmaster.settings.boundary.SettingsAudit;
import dev.postmaster.settings.entity.AuditEntry;
import dev.postmaster.settings.entity.MailSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The Email page's "Send test email" and "Test incoming connection". By default they go through the
 * <em>active</em> settings, the ones the application really runs with, so a success proves what runs now; the
 * "pending" choice tries saved settings before they are applied. A test sends nothing but its one test mail and
 * applies nothing. Each test is recorded in the settings audit.
 */
@ApplicationScoped
public class ConnectionTests {

    /** Which settings a test uses. */
    public enum Target {
        ACTIVE("Active settings"),
        PENDING("Pending settings");

        private final String label;

        Target(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    @Inject
    MailRuntime runtime;

    @Inject
    MailSettingsService settingsService;

    @Inject
    MailDiagnostics diagnostics;

    @Inject
    SettingsAudit audit;

    @Inject
    Logger log;

    /** Sends a test mail to {@code recipient} and reports each step. */
    public DiagnosticReport outgoing(Target target, String recipient, String actor) {
        DiagnosticReport report = settings(target)
                .map(settings -> diagnostics.testOutgoing(settings, target.label(), recipient))
                .orElseGet(() -> nothingToTest(target));
        return recorded(report, actor);
    }

    /** Signs in to the incoming account and counts unread mail, changing nothing on the server. */
    public DiagnosticReport incoming(Target target, String actor) {
        DiagnosticReport report = settings(target)
                .map(settings -> diagnostics.testIncoming(settings, target.label()))
                .orElseGet(() -> nothingToTest(target));
        return recorded(report, actor);
    }

    private Optional<MailSettings> settings(Target target) {
        return target == Target.ACTIVE
                ? Optional.ofNullable(runtime.current().settings())
                : settingsService.pending().map(pending -> pending.getSettings().copy());
    }

    private static DiagnosticReport nothingToTest(Target target) {
        String problem = target == Target.ACTIVE
                ? "There are no active settings yet, so nothing was sent. Save the settings and restart the"
                        + " application (or Apply now) first."
                : "There are no pending settings to test: the saved settings are already the ones running.";
        return new DiagnosticReport(target.label() + ": nothing to test",
                List.of(new DiagnosticReport.Step("Settings", false, List.of(problem))), problem, null);
    }

    private DiagnosticReport recorded(DiagnosticReport report, String actor) {
        audit.record(actor, AuditEntry.Action.TESTED, report.summary(), List.of());
        log.info(() -> "Connection test by " + actor + ": " + report.summary());
        return report;
    }
}
