package dev.postmaster.outbox.control;

import dev.postmaster.outbox.entity.OutboxMessage;
import dev.postmaster.outbox.entity.OutboxStatus;
import dev.postmaster.settings.entity.Protocol;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
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

    /** How often a sender looks again when others claimed every due row it saw; the next pass tries anew. */
    static final int CLAIM_ATTEMPTS = 10;

    @PersistenceContext
    EntityManager em;

    /**
     * Claims up to {@code limit} due messages under {@code claim} and returns them with their MIME bytes: queued or
     * deferred ones whose time has come, and sending ones whose lease ran out (their sender died). Three
     * statements, whatever the batch size: the due ids, one conditional UPDATE of them that only changes rows that
     * are still due (so of two drainers racing for a row exactly one gets it, on H2 and PostgreSQL alike, without
     * {@code SELECT ... FOR UPDATE}), and one read of what this claim got. The claim is committed when this returns.
     *
     * @param claim a name no other batch uses, so that the rows read back are exactly this batch's
     * @param sender which of the parallel senders asks (0, 1, …)
     */
    public List<Claimed> claimBatch(String claim, int limit, Duration lease, Instant now, int sender) {
        // Parallel senders start at different places in the queue (sender k skips k batches), so that they do not
        // all reach for the same rows. Those that still meet (a sender beyond the end, or two at once) look again
        // from the start: the winner's claim is committed by then, and "none for me" is not "none due".
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            int skip = attempt == 0 ? sender * limit : 0;
            List<Long> candidates = dueIds(limit, now, skip);
            if (candidates.isEmpty()) {
                if (skip == 0) {
                    return List.of();
                }
                continue;
            }
            int claimed = em.createNamedQuery(OutboxMessage.CLAIM)
                    .setParameter("drainer", claim)
                    .setParameter("until", now.plus(lease))
                    .setParameter("ids", candidates)
                    .setParameter("now", now)
                    .executeUpdate();
            if (claimed > 0) {
                return em.createNamedQuery(OutboxMessage.CLAIMED_MIME, Object[].class)
                        .setParameter("drainer", claim)
                        .setParameter("ids", candidates)
                        .getResultStream()
                        .map(row -> new Claimed((Long) row[0], (byte[]) row[1]))
                        .toList();
            }
        }
        return List.of();
    }

    /**
     * Makes the mail that an earlier process of this node had claimed due at once: that process is dead (two live
     * processes never share a node name), so its claims need not wait for their lease. Claims are named
     * {@code node@process/batch}.
     *
     * @return how many mails were taken back
     */
    public int releaseEarlierClaims(String node, String process, Instant now) {
        return em.createNamedQuery(OutboxMessage.RELEASE_EARLIER_CLAIMS).setParameter("now", now)
                .setParameter("node", likePrefix(node + "@")).setParameter("process", likePrefix(process + "/"))
                .executeUpdate();
    }

    private static String likePrefix(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /**
     * Up to {@code limit} due ids: queued mail first (oldest first), then deferred mail whose time has come, then
     * mail whose sender's lease ran out. Each is a query on the (status, next attempt) index. With {@code skip},
     * only queued mail, after the first {@code skip} of it.
     */
    private List<Long> dueIds(int limit, Instant now, int skip) {
        List<Long> due = new ArrayList<>(limit);
        due.addAll(em.createNamedQuery(OutboxMessage.DUE_IDS, Long.class).setParameter("status", OutboxStatus.QUEUED)
                .setParameter("now", now).setFirstResult(skip).setMaxResults(limit).getResultList());
        if (skip > 0) {
            return due;
        }
        if (due.size() < limit) {
            due.addAll(em.createNamedQuery(OutboxMessage.DUE_IDS, Long.class)
                    .setParameter("status", OutboxStatus.DEFERRED).setParameter("now", now)
                    .setMaxResults(limit - due.size()).getResultList());
        }
        if (due.size() < limit) {
            due.addAll(em.createNamedQuery(OutboxMessage.LEASE_ENDED_IDS, Long.class).setParameter("now", now)
                    .setMaxResults(limit - due.size()).getResultList());
        }
        return due;
    }

    /**
     * Records how each mail of a batch went, in one transaction; EclipseLink writes the rows as one JDBC batch. A
     * row whose claim was taken back meanwhile (its lease ran out and another drainer has it) is left alone.
     *
     * @return how many of the outcomes ended as sent, deferred and failed
     */
    public Tally record(String claim, List<Outcome> outcomes, Instant now) {
        if (outcomes.isEmpty()) {
            return new Tally(0, 0, 0);
        }
        Map<Long, Outcome> byId = new HashMap<>();
        outcomes.forEach(outcome -> byId.put(outcome.id(), outcome));
        int sent = 0;
        int deferred = 0;
        int failed = 0;
        for (OutboxMessage message : em.createNamedQuery(OutboxMessage.CLAIMED, OutboxMessage.class)
                .setParameter("drainer", claim).setParameter("ids", List.copyOf(byId.keySet())).getResultList()) {
            Outcome outcome = byId.get(message.getId());
            if (outcome.failure() == null) {
                message.sent(now, outcome.reply());
                sent++;
            } else {
                RetryPolicy.Verdict verdict = RetryPolicy.judge(outcome.failure(), message.getAttempts());
                if (verdict.permanent()) {
                    message.failed(verdict.error(), verdict.reply());
                    failed++;
                } else {
                    message.deferred(now.plus(RetryPolicy.backoff(message.getAttempts())), verdict.error(),
                            verdict.reply());
                    deferred++;
                }
            }
        }
        return new Tally(sent, deferred, failed);
    }

    /** A claimed mail: its row and the exact bytes to send. */
    public record Claimed(long id, byte[] mime) {
    }

    /** How sending one claimed mail went: {@code failure} is null when the server accepted it. */
    public record Outcome(long id, String reply, Exception failure) {

        public static Outcome accepted(long id, String reply) {
            return new Outcome(id, reply, null);
        }

        public static Outcome failed(long id, Exception failure) {
            return new Outcome(id, null, failure);
        }
    }

    /** How many mails of a batch were sent, deferred (to be tried again) and failed for good. */
    public record Tally(int sent, int deferred, int failed) {
    }

    /** Puts a claimed batch back without counting the attempt (outgoing mail is off). */
    public void postpone(String claim, List<Long> ids, Duration wait, String reason) {
        if (ids.isEmpty()) {
            return;
        }
        em.createNamedQuery(OutboxMessage.CLAIMED, OutboxMessage.class).setParameter("drainer", claim)
                .setParameter("ids", ids).getResultList()
                .forEach(message -> message.postpone(Instant.now().plus(wait), reason));
    }

    /** How mail put back because outgoing mail is off says so, in its last error. */
    public static final String MAIL_OFF = Protocol.SMTP.mailName() + " is off: ";

    /**
     * Makes the mail that waits because outgoing mail was off ({@link #postpone} with {@link #MAIL_OFF}) due now:
     * new settings were applied, and it should not wait out the rest of its minute. Mail deferred by the server
     * (a 4xx reply, a connection refused) keeps its back-off.
     */
    public int dueNow(Instant now) {
        return em.createNamedQuery(OutboxMessage.DUE_NOW).setParameter("now", now)
                .setParameter("mailOff", MAIL_OFF + "%").executeUpdate();
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

    /** How many mails wait to be sent: queued, deferred or being sent. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long queueDepth() {
        return em.createNamedQuery(OutboxMessage.QUEUE_DEPTH, Long.class).getSingleResult();
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
