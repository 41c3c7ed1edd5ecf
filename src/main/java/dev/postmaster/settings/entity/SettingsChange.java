package dev.postmaster.settings.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.io.Serializable;

/**
 * One field of the Email settings that a save or an activation changed, with its value before and after as
 * recorded (text, a number, {@code true}/{@code false}, or the name of a choice; {@code null} for empty). A
 * password's values are never recorded, only that it changed. Stored without wording, so the console decides how
 * the History names fields and shows values.
 */
@Embeddable
public class SettingsChange implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int MAX = 2000;

    @Enumerated(EnumType.STRING)
    @Column(name = "field_name", nullable = false, length = 40)
    private MailSettings.Field field;

    @Column(name = "before_value", length = MAX)
    private String before;

    @Column(name = "after_value", length = MAX)
    private String after;

    protected SettingsChange() {
        // for JPA
    }

    /** How {@code field} changed from {@code before} to {@code after} (either may be {@code null}). */
    public static SettingsChange of(MailSettings.Field field, MailSettings before, MailSettings after) {
        SettingsChange change = new SettingsChange();
        change.field = field;
        if (!field.secret()) {
            change.before = recorded(field.valueIn(before));
            change.after = recorded(field.valueIn(after));
        }
        return change;
    }

    private static String recorded(Object value) {
        if (value == null) {
            return null;
        }
        String text = value instanceof Enum<?> choice ? choice.name() : value.toString();
        return text.length() <= MAX ? text : text.substring(0, MAX - 3) + "...";
    }

    public MailSettings.Field getField() {
        return field;
    }

    public String getBefore() {
        return before;
    }

    public String getAfter() {
        return after;
    }
}
