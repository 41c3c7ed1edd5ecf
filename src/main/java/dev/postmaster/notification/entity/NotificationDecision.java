package dev.postmaster.notification.entity;

import dev.postmaster.work.entity.RecordKind;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import java.time.Instant;

/**
 * Why someone did or did not get a notification: the answer to "why didn't X get this mail?". One row per
 * recipient per event, written in the same transaction as the outbox row it may have queued.
 */
@Entity
@Table(name = "notification_decision", indexes = {
        @Index(name = "decision_recipient", columnList = "recipient"),
        @Index(name = "decision_record", columnList = "record_kind, record_id"),
        @Index(name = "decision_actor_at", columnList = "actor, at")})
@NamedQuery(name = NotificationDecision.FOR_RECIPIENT, query = "select d from NotificationDecision d"
        + " where d.recipient = :recipient order by d.at desc, d.id desc")
@NamedQuery(name = NotificationDecision.FOR_RECORD, query = "select d from NotificationDecision d"
        + " where d.recordKind = :kind and d.recordId = :id order by d.at desc, d.id desc")
@NamedQuery(name = NotificationDecision.FOR_OUTBOX_MESSAGE, query = "select d from NotificationDecision d"
        + " where d.outboxId = :outboxId")
public class NotificationDecision {

    public static final String FOR_RECIPIENT = "NotificationDecision.forRecipient";
    public static final String FOR_RECORD = "NotificationDecision.forRecord";
    public static final String FOR_OUTBOX_MESSAGE = "NotificationDecision.forOutboxMessage";

    /** What was decided. */
    public enum Outcome {
        /** A mail was put in the outbox. */
        QUEUED,
        /** No mail, for a reason the recipient or an administrator can change. */
        SKIPPED,
        /** No mail, on purpose: the recipient is the one who acted. */
        SUPPRESSED
    }

    public static final String PREFERENCE_OFF = "preference off";
    public static final String NO_RECIPIENT_ADDRESS = "no recipient address";
    public static final String NO_SENDER_ADDRESS = "no sender address";
    public static final String RECIPIENT_DEACTIVATED = "recipient deactivated";
    public static final String OWN_ACTION = "the recipient did this themselves";
    public static final String ADDRESS_BOUNCES = "address bounces";
    /** The recipient's default address waits for its owner to open the confirmation link. */
    public static final String ADDRESS_NOT_VERIFIED = "address not verified";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "decision_ids")
    @TableGenerator(name = "decision_ids", table = "id_generator", pkColumnValue = "notification_decision",
            allocationSize = 500)
    private Long id;

    @Column(nullable = false)
    private Instant at;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 40)
    private NotificationType type;

    @Convert(converter = RecordKind.ByKey.class)
    @Column(name = "record_kind", nullable = false, length = 20)
    private RecordKind recordKind;

    @Column(name = "record_id", nullable = false)
    private long recordId;

    @Column(name = "record_title", length = 300)
    private String recordTitle;

    @Column(nullable = false, length = 100)
    private String recipient;

    @Column(name = "recipient_address", length = 254)
    private String recipientAddress;

    @Column(nullable = false, length = 100)
    private String actor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Outcome outcome;

    @Column(length = 200)
    private String reason;

    @Column(name = "outbox_id")
    private Long outboxId;

    /** What came back after the mail was sent, when a delivery report came back. */
    @Column(name = "bounce", length = 1000)
    private String bounce;

    protected NotificationDecision() {
        // for JPA
    }

    public NotificationDecision(Instant at, NotificationType type, RecordKind recordKind, long recordId,
            String recordTitle, String recipient, String recipientAddress, String actor, Outcome outcome,
            String reason, Long outboxId) {
        this.at = at;
        this.type = type;
        this.recordKind = recordKind;
        this.recordId = recordId;
        this.recordTitle = recordTitle;
        this.recipient = recipient;
        this.recipientAddress = recipientAddress;
        this.actor = actor;
        this.outcome = outcome;
        this.reason = reason;
        this.outboxId = outboxId;
    }

    public Long getId() {
        return id;
    }

    public Instant getAt() {
        return at;
    }

    public NotificationType getType() {
        return type;
    }

    public RecordKind getRecordKind() {
        return recordKind;
    }

    public long getRecordId() {
        return recordId;
    }

    public String getRecordTitle() {
        return recordTitle;
    }

    public String getRecipient() {
        return recipient;
    }

    public String getRecipientAddress() {
        return recipientAddress;
    }

    public String getActor() {
        return actor;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public String getReason() {
        return reason;
    }

    public Long getOutboxId() {
        return outboxId;
    }

    public String getBounce() {
        return bounce;
    }

    /** Notes what the delivery report of the mail this decision queued said. */
    public void bounced(String report) {
        bounce = report == null || report.length() <= 1000 ? report : report.substring(0, 997) + "...";
    }
}
