package dev.postmaster.settings.boundary;

import dev.postmaster.settings.entity.AuditEntry;
import dev.postmaster.settings.entity.AuditEntry.Action;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.MailSettings.Field;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The history of the Email settings. Saves and activations are recorded by {@link MailSettingsService} in
 * their own transaction; tests are recorded by whoever runs them. Read newest first, a page at a time.
 */
@Stateless
public class SettingsAudit {

    @PersistenceContext
    EntityManager em;

    public void record(String actor, Action action, String summary, String changes) {
        em.persist(new AuditEntry(Instant.now(), actor, action, summary, changes));
    }

    public List<AuditEntry> newestFirst(int first, int pageSize) {
        return em.createNamedQuery(AuditEntry.NEWEST_FIRST, AuditEntry.class)
                .setFirstResult(first).setMaxResults(pageSize).getResultList();
    }

    public long count() {
        return em.createNamedQuery(AuditEntry.COUNT, Long.class).getSingleResult();
    }

    /**
     * The changes from {@code before} to {@code after}, one line per field ({@code Field: old → new}); a
     * secret shows only that it changed.
     */
    public static String changes(MailSettings before, MailSettings after) {
        return after.changedFields(before).stream()
                .map(field -> field.label() + ": " + (field.secret() ? "changed"
                        : shown(field, before) + " → " + shown(field, after)))
                .collect(Collectors.joining("\n"));
    }

    private static String shown(Field field, MailSettings settings) {
        String value = field.display(settings);
        return value.isEmpty() ? "(empty)" : value;
    }
}
