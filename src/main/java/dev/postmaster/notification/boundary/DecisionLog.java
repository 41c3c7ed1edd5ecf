package dev.postmaster.notification.boundary;

import dev.postmaster.notification.entity.NotificationDecision;
import dev.postmaster.work.entity.RecordKind;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;

/**
 * The notification decisions, read back: the answer to "why did (or didn't) this person get a mail?". The
 * {@link Notifier} writes them; the console's Notification log and tests read them here, newest first.
 */
@Stateless
public class DecisionLog {

    @PersistenceContext
    EntityManager em;

    /** The newest decisions, optionally only for one recipient and/or one kind of record (and number). */
    public List<NotificationDecision> search(String recipient, RecordKind kind, Long recordId, int first, int max) {
        return matching(NotificationDecision.class, "select d", recipient, kind, recordId,
                " order by d.at desc, d.id desc")
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    /**
     * How many decisions {@link #search} can page through with the same criteria: the console's decision log
     * shows a paginator with the number of pages.
     */
    public long count(String recipient, RecordKind kind, Long recordId) {
        return matching(Long.class, "select count(d)", recipient, kind, recordId, "").getSingleResult();
    }

    /** The newest decisions about {@code recipient}. */
    public List<NotificationDecision> about(String recipient, int max) {
        return em.createNamedQuery(NotificationDecision.FOR_RECIPIENT, NotificationDecision.class)
                .setParameter("recipient", recipient).setMaxResults(max).getResultList();
    }

    /** Every decision about one record, newest first. */
    public List<NotificationDecision> about(RecordKind kind, long recordId) {
        return em.createNamedQuery(NotificationDecision.FOR_RECORD, NotificationDecision.class)
                .setParameter("kind", kind).setParameter("id", recordId).getResultList();
    }

    /** The one place the search criteria become a query, so that a search and its count always agree. */
    private <T> TypedQuery<T> matching(Class<T> type, String select, String recipient, RecordKind kind,
            Long recordId, String orderBy) {
        boolean byRecipient = recipient != null && !recipient.isBlank();
        StringBuilder jpql = new StringBuilder(select).append(" from NotificationDecision d where 1 = 1");
        if (byRecipient) {
            jpql.append(" and d.recipient = :recipient");
        }
        if (kind != null) {
            jpql.append(" and d.recordKind = :kind");
        }
        if (recordId != null) {
            jpql.append(" and d.recordId = :id");
        }
        TypedQuery<T> query = em.createQuery(jpql.append(orderBy).toString(), type);
        if (byRecipient) {
            query.setParameter("recipient", recipient.strip());
        }
        if (kind != null) {
            query.setParameter("kind", kind);
        }
        if (recordId != null) {
            query.setParameter("id", recordId);
        }
        return query;
    }
}
