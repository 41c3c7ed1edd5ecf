package dev.postmaster.console;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How backing beans tell a person what happened: a message beside a field, one for the whole page, and one that
 * survives the redirect after a save. It is also the one place that recognises a boundary's refusal: a rule that
 * says no throws {@link IllegalArgumentException} (Bean Validation on an entity a
 * {@link ConstraintViolationException}). Both are application exceptions (WEB-INF/ejb-jar.xml), so they reach
 * the page as they are; the cause chain is still searched, for one that comes wrapped (a commit's failure).
 * Anything else is a real failure and is rethrown, not dressed up as a message.
 */
public final class Messages {

    private Messages() {
    }

    /** An error beside the field {@code clientId} ({@code null}: for the page); the request counts as failed. */
    public static void error(String clientId, String text) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
        faces.validationFailed();
    }

    /** A warning for the page: what was asked is done, but something the person should know went wrong. */
    public static void warn(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, text, null));
    }

    public static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    /** A message for the page the browser is redirected to next (after a save, the list). */
    public static void infoAfterRedirect(String text) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.getExternalContext().getFlash().setKeepMessages(true);
        info(text);
    }

    /**
     * Shows a boundary's refusal beside {@code clientId} (or for the page), so the person reads the rule that
     * said no and keeps everything they typed.
     *
     * @throws RuntimeException {@code failure} itself when it is not a refusal
     */
    public static void refused(RuntimeException failure, String clientId) {
        error(clientId, refusal(failure).orElseThrow(() -> failure));
    }

    /** The rule's own words, when {@code failure} is a refusal by a rule. */
    public static Optional<String> refusal(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException refused && refused.getMessage() != null) {
                return Optional.of(refused.getMessage());
            }
            if (cause instanceof ConstraintViolationException invalid) {
                return Optional.of(invalid.getConstraintViolations().stream()
                        .map(ConstraintViolation::getMessage).distinct().sorted()
                        .collect(Collectors.joining("; ")));
            }
        }
        return Optional.empty();
    }
}
