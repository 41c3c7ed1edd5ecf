package dev.postmaster.work.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of record a notification is about. The key names the record in the decision log, in the reply token
 * of every notification mail ({@code task-17}, {@code task/17}) and in the console's search; the page is where
 * the record is opened, which mails link to and the decision log points at.
 */
public enum RecordKind {
    TASK("task", "tasks/edit"),
    PROJECT("project", "projects/edit"),
    APPOINTMENT("appointment", "appointments/edit");

    private final String key;
    private final String page;

    RecordKind(String key, String page) {
        this.key = key;
        this.page = page;
    }

    /** How the record kind is written: in the database, in reply tokens and in addresses. */
    public String key() {
        return key;
    }

    /** The edit page of a record of this kind, relative to the application, without the extension. */
    public String page() {
        return page;
    }

    /** The kind a key names, if any; case and surrounding space do not matter. */
    public static Optional<RecordKind> ofKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String wanted = key.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.key.equals(wanted)).findFirst();
    }

    /** Stores a kind by its key, as the decision log has always stored it. */
    @Converter
    public static class ByKey implements AttributeConverter<RecordKind, String> {

        @Override
        public String convertToDatabaseColumn(RecordKind kind) {
            return kind == null ? null : kind.key;
        }

        @Override
        public RecordKind convertToEntityAttribute(String key) {
            return key == null ? null : ofKey(key).orElseThrow(() -> new IllegalStateException(
                    "Unknown record kind in the decision log: " + key));
        }
    }
}
