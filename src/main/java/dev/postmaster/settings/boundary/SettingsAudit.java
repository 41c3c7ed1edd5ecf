package dev.postmaster.settings.boundary;

import dev.postmaster.settings.entity.AuditEntry;
import dev.postmaster.settings.entity.AuditEntry.Action;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.SettingsChange;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * The history of the Email settings. Saves and activations are recorded by {@link MailSettingsService} in the
 * transaction that makes them, so a change is never without its entry; tests are recorded by whoever runs them.
 * Read newest first, a page at a time.
 */
@Stateless
public class SettingsAudit {

    @PersistenceContext
    EntityManager em;

    public void record(String actor, Action action, String summary, List<SettingsChange> changes) {
        em.persist(new AuditEntry(Instant.now(), actor, action, summary, changes));
    }

    public List<AuditEntry> newestFirst(int first, int pageSize) {
        return em.createNamedQuery(AuditEntry.NEWEST_FIRST, AuditEntry.class)
                .setFirstResult(first).setMaxResults(pageSize).getResultList();
    }

    public long count() {
        return em.createNamedQuery(AuditEntry.COUNT, Long.class).getSingleResult();
    }

    /** The fields that differ from {@code before} (every field when there is none) to {@code after}. */
    public static List<SettingsChange> changes(MailSettings before, MailSettings after) {
        return after.changedFields(before).stream().map(field -> SettingsChange.of(field, before, after)).toList();
    }
}
