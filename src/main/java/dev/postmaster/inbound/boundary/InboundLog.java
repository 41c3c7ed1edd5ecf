package dev.postmaster.inbound.boundary;

import dev.postmaster.inbound.entity.InboundMessage;
import dev.postmaster.inbound.entity.InboundOutcome;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the poller took in, read back for the Inbound log: newest first, by outcome, by sender and by the day it
 * was read, a page at a time.
 */
@Stateless
public class InboundLog {

    @PersistenceContext
    EntityManager em;

    /** The criteria of a search; any of them may be {@code null}. */
    public record Search(InboundOutcome outcome, String sender, Instant readFrom, Instant readUntil) {
    }

    public List<InboundMessage> search(Search search, int first, int max) {
        return query(InboundMessage.class, "select m", search, " order by m.readAt desc, m.id desc")
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    public long count(Search search) {
        return query(Long.class, "select count(m)", search, "").getSingleResult();
    }

    /** How many messages had each outcome. */
    public Map<InboundOutcome, Long> counts() {
        Map<InboundOutcome, Long> counts = new EnumMap<>(InboundOutcome.class);
        for (InboundOutcome outcome : InboundOutcome.values()) {
            counts.put(outcome, 0L);
        }
        for (Object[] row : em.createNamedQuery(InboundMessage.COUNT_BY_OUTCOME, Object[].class).getResultList()) {
            counts.put((InboundOutcome) row[0], (Long) row[1]);
        }
        return counts;
    }

    /** The one place the criteria become a query, so that a page and its count agree. */
    private <T> TypedQuery<T> query(Class<T> type, String select, Search search, String orderBy) {
        StringBuilder jpql = new StringBuilder(select).append(" from InboundMessage m where 1 = 1");
        boolean bySender = search.sender() != null && !search.sender().isBlank();
        if (search.outcome() != null) {
            jpql.append(" and m.outcome = :outcome");
        }
        if (bySender) {
            jpql.append(" and lower(m.from) like :sender escape '\\'");
        }
        if (search.readFrom() != null) {
            jpql.append(" and m.readAt >= :readFrom");
        }
        if (search.readUntil() != null) {
            jpql.append(" and m.readAt < :readUntil");
        }
        TypedQuery<T> query = em.createQuery(jpql.append(orderBy).toString(), type);
        if (search.outcome() != null) {
            query.setParameter("outcome", search.outcome());
        }
        if (bySender) {
            query.setParameter("sender", "%" + search.sender().strip().toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (search.readFrom() != null) {
            query.setParameter("readFrom", search.readFrom());
        }
        if (search.readUntil() != null) {
            query.setParameter("readUntil", search.readUntil());
        }
        return query;
    }
}
