package dev.postmaster.outbox.control;

import dev.postmaster.outbox.entity.OutboxMessage;
import dev.postmaster.outbox.entity.OutboxStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox table's state changes, each in a transaction of its own, so that what a drainer has claimed or
 * sent is committed before it moves on: a crash in between loses nothing, it only lets the claim's lease run
 * out.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OutboxStore {

    @PersistenceContext
    EntityManager em;

    /**
     * Claims up to {@code limit} due messages for {@code drainer}: queued or deferred ones whose time has come,
     * and sending ones whose lease ran out (their sender died). Each claim is one conditional UPDATE that only
     * succeeds while the row is still due, so of two drainers racing for a row exactly one gets it, on H2 and
     * PostgreSQL alike, without {@code SELECT ... FOR UPDATE}.
     */
    public List<Long> claimDue(String drainer, int limit, Duration lease, Instant now) {
        List<Long> candidates = em.createNamedQuery(OutboxMessage.DUE_IDS, Long.class)
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList();
        List<Long> claimed = new ArrayList<>();
        for (Long id : candidates) {
            int updated = em.createNamedQuery(OutboxMessage.CLAIM)
                    .setParameter("drainer", drainer)
                    .setParameter("until", now.plus(lease))
                    .setParameter("id", id)
                    .setParameter("now", now)
                    .executeUpdate();
            if (updated == 1) {
                claimed.add(id);
            }
        }
        return claimed;
    }

    /** The stored MIME bytes of a message this drainer still holds, or empty if its claim was taken back. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<byte[]> mimeIfClaimedBy(long id, String drainer) {
        OutboxMessage message = em.find(OutboxMessage.class, id);
        return message != null && message.getStatus() == OutboxStatus.SENDING && drainer.equals(message.getClaimedBy())
                ? Optional.of(message.getMime()) : Optional.empty();
    }

    public void sent(long id, String reply, Instant now) {
        find(id).ifPresent(message -> message.sent(now, reply));
    }

    /** Records a failed attempt as the retry policy judges it. */
    public OutboxStatus failedAttempt(long id, Exception failure, Instant now) {
        return find(id).map(message -> {
            RetryPolicy.Verdict verdict = RetryPolicy.judge(failure, message.getAttempts());
            if (verdict.permanent()) {
                message.failed(verdict.error(), verdict.reply());
            } else {
                message.deferred(now.plus(RetryPolicy.backoff(message.getAttempts())), verdict.error(),
                        verdict.reply());
            }
            return message.getStatus();
        }).orElse(null);
    }

    /** Puts claimed messages back without counting the attempt (outgoing mail is off, or no connection). */
    public void postpone(List<Long> ids, Duration wait, String reason, Instant now) {
        ids.forEach(id -> find(id).filter(m -> m.getStatus() == OutboxStatus.SENDING)
                .ifPresent(message -> message.postpone(now.plus(wait), reason)));
    }

    /** Queues a mail to be sent again now, if its status allows ({@link OutboxStatus#canResend()}). */
    public boolean resend(long id, Instant now) {
        return find(id).filter(m -> m.getStatus().canResend()).map(message -> {
                    message.resend(now);
                    return true;
                }).orElse(false);
    }

    public int resendAllFailed(Instant now) {
        List<OutboxMessage> failed = em.createNamedQuery(OutboxMessage.BY_STATUS, OutboxMessage.class)
                .setParameter("status", OutboxStatus.FAILED).getResultList();
        failed.forEach(message -> message.resend(now));
        return failed.size();
    }

    /** Gives up on a mail, if its status allows ({@link OutboxStatus#canDiscard()}). */
    public boolean discard(long id) {
        return find(id).filter(m -> m.getStatus().canDiscard())
                .map(message -> {
                    message.discard();
                    return true;
                }).orElse(false);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<OutboxStatus, Long> countsByStatus() {
        Map<OutboxStatus, Long> counts = new EnumMap<>(OutboxStatus.class);
        for (OutboxStatus status : OutboxStatus.values()) {
            counts.put(status, 0L);
        }
        for (Object[] row : em.createNamedQuery(OutboxMessage.COUNT_BY_STATUS, Object[].class).getResultList()) {
            counts.put((OutboxStatus) row[0], (Long) row[1]);
        }
        return counts;
    }

    /** When the oldest mail still waiting to be sent was queued, if any is waiting. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Instant> oldestWaiting() {
        return em.createNamedQuery(OutboxMessage.OLDEST_WAITING, OutboxMessage.class).setMaxResults(1)
                .getResultStream().findFirst().map(OutboxMessage::getCreatedAt);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<OutboxMessage> withStatus(OutboxStatus status, int first, int max) {
        return em.createNamedQuery(OutboxMessage.BY_STATUS, OutboxMessage.class).setParameter("status", status)
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<OutboxMessage> byId(long id) {
        return Optional.ofNullable(em.find(OutboxMessage.class, id));
    }

    private Optional<OutboxMessage> find(long id) {
        return Optional.ofNullable(em.find(OutboxMessage.class, id));
    }
}
