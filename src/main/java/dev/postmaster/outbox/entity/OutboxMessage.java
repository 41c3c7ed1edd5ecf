package dev.postmaster.outbox.entity;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * One outgoing mail, stored as the exact MIME bytes that will be sent (so a retry or a resend is the same
 * message with the same Message-ID), with its delivery state: attempts, the next attempt, the last error and the
 * server's last reply, and the claim of the drainer sending it.
 */
@Entity
@Table(name = "outbox_message", indexes = {
        @Index(name = "outbox_due", columnList = "status, next_attempt_at"),
        @Index(name = "outbox_message_id", columnList = "message_id")})
@NamedQuery(name = OutboxMessage.DUE_IDS, query = "select m.id from OutboxMessage m where m.status = :status"
        + " and m.nextAttemptAt <= :now order by m.status, m.nextAttemptAt")
@NamedQuery(name = OutboxMessage.LEASE_ENDED_IDS, query = "select m.id from OutboxMessage m where"
        + " m.status = dev.postmaster.outbox.entity.OutboxStatus.SENDING and m.claimedUntil < :now")
@NamedQuery(name = OutboxMessage.RELEASE_EARLIER_CLAIMS, query = "update OutboxMessage m set m.claimedUntil = :now,"
        + " m.version = m.version + 1 where m.status = dev.postmaster.outbox.entity.OutboxStatus.SENDING"
        + " and m.claimedBy like :node escape '!' and m.claimedBy not like :process escape '!'")
@NamedQuery(name = OutboxMessage.CLAIM, query = "update OutboxMessage m set"
        + " m.status = dev.postmaster.outbox.entity.OutboxStatus.SENDING, m.claimedBy = :drainer,"
        + " m.claimedUntil = :until, m.attempts = m.attempts + 1, m.version = m.version + 1"
        + " where m.id in :ids and " + OutboxMessage.IS_DUE)
@NamedQuery(name = OutboxMessage.CLAIMED_MIME, query = "select m.id, m.mime from OutboxMessage m where"
        + " m.claimedBy = :drainer and m.status = dev.postmaster.outbox.entity.OutboxStatus.SENDING"
        + " and m.id in :ids order by m.id")
@NamedQuery(name = OutboxMessage.CLAIMED, query = "select m from OutboxMessage m where m.claimedBy = :drainer"
        + " and m.status = dev.postmaster.outbox.entity.OutboxStatus.SENDING and m.id in :ids")
@NamedQuery(name = OutboxMessage.DUE_NOW, query = "update OutboxMessage m set m.nextAttemptAt = :now where m.status"
        + " = dev.postmaster.outbox.entity.OutboxStatus.DEFERRED and m.lastError like :mailOff"
        + " and m.nextAttemptAt > :now")
@NamedQuery(name = OutboxMessage.BY_STATUS, query = "select m from OutboxMessage m where m.status = :status"
        + " order by m.id desc")
@NamedQuery(name = OutboxMessage.BY_MESSAGE_ID, query = "select m from OutboxMessage m where m.messageId = :messageId"
        + " order by m.id desc")
@NamedQuery(name = OutboxMessage.COUNT_BY_STATUS,
        query = "select m.status, count(m) from OutboxMessage m group by m.status")
@NamedQuery(name = OutboxMessage.QUEUE_DEPTH, query = "select count(m) from OutboxMessage m where"
        + " m.status in (dev.postmaster.outbox.entity.OutboxStatus.QUEUED,"
        + " dev.postmaster.outbox.entity.OutboxStatus.DEFERRED, dev.postmaster.outbox.entity.OutboxStatus.SENDING)")
@NamedQuery(name = OutboxMessage.OLDEST_WAITING, query = "select m from OutboxMessage m where"
        + " m.status in (dev.postmaster.outbox.entity.OutboxStatus.QUEUED,"
        + " dev.postmaster.outbox.entity.OutboxStatus.DEFERRED, dev.postmaster.outbox.entity.OutboxStatus.SENDING)"
        + " order by m.createdAt, m.id")
public class OutboxMessage {

    /**
     * Due mails of one status, in the order of the index on (status, next attempt), so the database reads just the
     * rows it returns, however many were sent before. The earlier single query (all due states with an OR, ordered
     * by id) made H2 walk the primary key over every sent row: with 95,000 sent and 5,000 queued, 95,050 rows read
     * and 9 ms for each batch of 50; this one reads 50 rows in 0.3 ms ({@code EXPLAIN ANALYZE} on H2 2.2.224).
     */
    public static final String DUE_IDS = "OutboxMessage.dueIds";
    public static final String LEASE_ENDED_IDS = "OutboxMessage.leaseEndedIds";
    public static final String CLAIM = "OutboxMessage.claim";
    public static final String RELEASE_EARLIER_CLAIMS = "OutboxMessage.releaseEarlierClaims";
    public static final String CLAIMED_MIME = "OutboxMessage.claimedMime";
    public static final String CLAIMED = "OutboxMessage.claimed";
    /** Queued or deferred and its time has come, or being sent by a drainer whose lease ran out. */
    static final String IS_DUE = "((m.status in (dev.postmaster.outbox.entity.OutboxStatus.QUEUED,"
            + " dev.postmaster.outbox.entity.OutboxStatus.DEFERRED) and m.nextAttemptAt <= :now)"
            + " or (m.status = dev.postmaster.outbox.entity.OutboxStatus.SENDING and m.claimedUntil < :now))";
    public static final String DUE_NOW = "OutboxMessage.dueNow";
    public static final String BY_STATUS = "OutboxMessage.byStatus";
    public static final String COUNT_BY_STATUS = "OutboxMessage.countByStatus";
    public static final String BY_MESSAGE_ID = "OutboxMessage.byMessageId";
    public static final String OLDEST_WAITING = "OutboxMessage.oldestWaiting";
    public static final String QUEUE_DEPTH = "OutboxMessage.queueDepth";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "outbox_ids")
    @TableGenerator(name = "outbox_ids", table = "id_generator", pkColumnValue = "outbox_message",
            allocationSize = 500)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private OutboxStatus status = OutboxStatus.QUEUED;

    /** What kind of mail: a notification type, "system", "error-log", "test". */
    @Column(nullable = false, length = 40)
    private String kind;

    @Column(name = "message_id", nullable = false, length = 250)
    private String messageId;

    @Column(nullable = false, length = 1000)
    private String recipients;

    @Column(length = 1000)
    private String subject;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "mime", nullable = false)
    private byte[] mime;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "claimed_by", length = 100)
    private String claimedBy;

    @Column(name = "claimed_until")
    private Instant claimedUntil;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "last_error", length = 2000)
    private String lastError;

    @Column(name = "last_reply", length = 1000)
    private String lastReply;

    /** When a delivery status notification said this mail did not reach a recipient, and what it said. */
    @Column(name = "bounced_at")
    private Instant bouncedAt;

    @Column(name = "bounce_detail", length = 1000)
    private String bounceDetail;

    @Version
    private long version;

    protected OutboxMessage() {
        // for JPA
    }

    public OutboxMessage(String kind, String messageId, String recipients, String subject, byte[] mime,
            Instant now) {
        this.kind = kind;
        this.messageId = messageId;
        this.recipients = clip(recipients, 1000);
        this.subject = clip(subject, 1000);
        this.mime = mime;
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    public void sent(Instant at, String reply) {
        status = OutboxStatus.SENT;
        sentAt = at;
        lastReply = clip(reply, 1000);
        lastError = null;
        release();
    }

    public void deferred(Instant retryAt, String error, String reply) {
        status = OutboxStatus.DEFERRED;
        nextAttemptAt = retryAt;
        lastError = clip(error, 2000);
        lastReply = clip(reply, 1000);
        release();
    }

    public void failed(String error, String reply) {
        status = OutboxStatus.FAILED;
        lastError = clip(error, 2000);
        lastReply = clip(reply, 1000);
        release();
    }

    /** Back to the queue at once (an administrator's "Resend"), keeping the history of attempts. */
    public void resend(Instant now) {
        status = OutboxStatus.QUEUED;
        nextAttemptAt = now;
        release();
    }

    public void discard() {
        status = OutboxStatus.DISCARDED;
        release();
    }

    /** Put back without counting an attempt, e.g. when outgoing mail is switched off. */
    public void postpone(Instant retryAt, String reason) {
        status = OutboxStatus.DEFERRED;
        nextAttemptAt = retryAt;
        lastError = clip(reason, 2000);
        attempts = Math.max(0, attempts - 1);
        release();
    }

    /** A report came back that {@code recipient} did not get this mail. */
    public void bounced(Instant at, String recipient, String detail) {
        bouncedAt = at;
        bounceDetail = clip(recipient + ": " + detail, 1000);
    }

    private void release() {
        claimedBy = null;
        claimedUntil = null;
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    public Long getId() {
        return id;
    }

    public OutboxStatus getStatus() {
        return status;
    }

    public String getKind() {
        return kind;
    }

    public String getMessageId() {
        return messageId;
    }

    public String getRecipients() {
        return recipients;
    }

    public String getSubject() {
        return subject;
    }

    public byte[] getMime() {
        return mime;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public int getAttempts() {
        return attempts;
    }

    public String getClaimedBy() {
        return claimedBy;
    }

    public Instant getClaimedUntil() {
        return claimedUntil;
    }

    public Instant getSentAt() {
        return sentAt;
    }

    public String getLastError() {
        return lastError;
    }

    public String getLastReply() {
        return lastReply;
    }

    public Instant getBouncedAt() {
        return bouncedAt;
    }

    public String getBounceDetail() {
        return bounceDetail;
    }
}
