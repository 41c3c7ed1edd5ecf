package dev.postmaster.mailruntime.boundary;

import java.io.Serializable;
import java.util.List;

/**
 * What a connection test did, step by step, in words for the page: each step with the server's own replies, the
 * step that failed (if any) with a hint, and for a sent test mail its Message-ID.
 *
 * @param subject what was tested, e.g. "Pending settings, outgoing server smtp.example.com:587"
 * @param steps the steps in order; a failed step is the last one
 * @param hint what to do about a failure, or {@code null}
 * @param messageId the accepted Message-ID of a test mail, or {@code null}
 */
public record DiagnosticReport(String subject, List<Step> steps, String hint, String messageId)
        implements Serializable {

    /**
     * One step: its name, whether it worked, and what was said.
     *
     * @param name resolve, connect, TLS, EHLO, AUTH ...
     * @param ok whether the step completed
     * @param lines the protocol lines and facts of this step (never credentials)
     */
    public record Step(String name, boolean ok, List<String> lines) implements Serializable {

        /** The lines as one text, for display. */
        public String text() {
            return String.join("\n", lines);
        }
    }

    public boolean ok() {
        return !steps.isEmpty() && steps.stream().allMatch(Step::ok);
    }

    /** The step that failed, if one did. */
    public Step failedStep() {
        return steps.stream().filter(step -> !step.ok()).findFirst().orElse(null);
    }

    /** A one-line summary for logs and the audit. */
    public String summary() {
        if (ok()) {
            return subject + ": OK" + (messageId == null ? "" : ", accepted " + messageId);
        }
        Step failed = failedStep();
        return subject + ": failed at " + (failed == null ? "the start" : failed.name())
                + (hint == null ? "" : " (" + hint + ")");
    }
}
