package dev.postmaster.settings.boundary;

import jakarta.ejb.ApplicationException;
import java.util.Collections;
import java.util.Map;

/**
 * A save was refused because the settings break a rule. Carries one message per field, keyed by the property
 * name that the Email page also uses as the input id, so each problem is shown beside its field. Nothing was
 * stored.
 */
@ApplicationException(rollback = true)
public class InvalidSettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Map<String, String> problems;

    public InvalidSettingsException(Map<String, String> problems) {
        super("The settings were not saved: " + problems);
        this.problems = Collections.unmodifiableMap(problems);
    }

    /** Field property name to message, in a stable order. */
    public Map<String, String> problems() {
        return problems;
    }
}
