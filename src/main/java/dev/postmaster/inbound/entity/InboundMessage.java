package dev.postmaster.inbound.entity;

import dev.postmaster.work.entity.RecordKind;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
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
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/**
 * One message read from the incoming mailbox, with what became of it. The database keeps each message once: per
 * mailbox, UIDVALIDITY and UID, and per message key (its Message-ID, or a digest of its headers when it has none),
 * so a message delivered twice, or read by two polls at once, is never taken in twice.
 */
@Entity
@Table(name = "inbound_message", uniqueConstraints = {
    @UniqueConstraint(name = "inbound_message_uid", columnNames = {"mailbox", "uid_validity", "uid"}),
    @UniqueConstraint(name = "inbound_message_key", columnNames = {"message_key"})},
        indexes = {@Index(name = "inbound_message_read_at", columnList = "read_at"),
            @Index(name = "inbound_message_outcome", columnList = "outcome")})
@NamedQuery(name = InboundMessage.KNOWN_UIDS, query = "select m.uid from InboundMessage m where m.mailbox = :mailbox"
        + " and m.uidValidity = :uidValidity and m.uid in :uids")
@NamedQuery(name = InboundMessage.KNOWN_KEYS, query = "select m.messageKey from InboundMessage m"
        + " where m.messageKey in :keys")
@NamedQuery(name = InboundMessage.COUNT_BY_OUTCOME, query = "select m.outcome, count(m) from InboundMessage m"
        + " group by m.outcome")
public class InboundMessage {

    public static final String KNOWN_UIDS = "InboundMessage.knownUids";
    public static final String KNOWN_KEYS = "InboundMessage.knownKeys";
    public static final String COUNT_BY_OUTCOME = "InboundMessage.countByOutcome";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "inbound_message_ids")
    @TableGenerator(name = "inbound_message_ids", table = "id_generator", pkColumnValue = "inbound_message",
            allocationSize = 50)
    private Long id;

    /** Which mailbox: {@code user@host:port/INBOX}. */
    @Column(nullable = false, length = 300)
    private String mailbox;

    @Column(name = "uid_validity", nullable = false)
    private long uidValidity;

    @Column(nullable = false)
    private long uid;

    @Column(name = "message_key", nullable = false, length = 500)
    private String messageKey;

    /** When the mailbox got it (IMAP INTERNALDATE). */
    @Column(name = "received_at")
    private Instant receivedAt;

    /** When the poller took it in. */
    @Column(name = "read_at", nullable = false)
    private Instant readAt;

    /** Its Date header. */
    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "from_address", length = 1000)
    private String from;

    @Column(name = "to_addresses", length = 2000)
    private String to;

    @Column(length = 1000)
    private String subject;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Lob
    @Column(nullable = false)
    private String headers;

    /** The message as the server sent it; absent when it was over the size limit. */
    @Lob
    @Basic(fetch = FetchType.LAZY)
    private byte[] mime;

    /** What it says, as text, quoted text of replies removed. */
    @Lob
    @Column(name = "text_body")
    private String textBody;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    private InboundOutcome outcome;

    @Column(length = 1000)
    private String reason;

    @Convert(converter = RecordKind.ByKey.class)
    @Column(name = "record_kind", length = 20)
    private RecordKind recordKind;

    @Column(name = "record_id")
    private Long recordId;

    /** The user it came from, when the sender is known. */
    @Column(length = 100)
    private String author;

    /** For a bounce: the outgoing mail it reports on. */
    @Column(name = "outbox_id")
    private Long outboxId;

    protected InboundMessage() {
        // for JPA
    }

    public InboundMessage(String mailbox, long uidValidity, long uid, String messageKey, Instant readAt) {
        this.mailbox = mailbox;
        this.uidValidity = uidValidity;
        this.uid = uid;
        this.messageKey = messageKey;
        this.readAt = readAt;
    }

    /** What the headers say: when it came and was written, who from and to, what about, how big. */
    public void describe(Instant receivedAt, Instant sentAt, String from, String to, String subject, long size,
            String headers) {
        this.receivedAt = receivedAt;
        this.sentAt = sentAt;
        this.from = clip(from, 1000);
        this.to = clip(to, 2000);
        this.subject = clip(subject, 1000);
        this.size = size;
        this.headers = headers;
    }

    public void keep(byte[] mime, String textBody) {
        this.mime = mime;
        this.textBody = textBody;
    }

    public void decided(InboundOutcome outcome, String reason) {
        this.outcome = outcome;
        this.reason = clip(reason, 1000);
    }

    /** A reply threaded as a comment on a record, written by {@code author}. */
    public void threaded(RecordKind kind, long id, String author) {
        this.recordKind = kind;
        this.recordId = id;
        this.author = author;
    }

    public void reportsOn(Long outboxId) {
        this.outboxId = outboxId;
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    public Long getId() {
        return id;
    }

    public String getMailbox() {
        return mailbox;
    }

    public long getUidValidity() {
        return uidValidity;
    }

    public long getUid() {
        return uid;
    }

    public String getMessageKey() {
        return messageKey;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public Instant getReadAt() {
        return readAt;
    }

    public Instant getSentAt() {
        return sentAt;
    }

    public String getFrom() {
        return from;
    }

    public String getTo() {
        return to;
    }

    public String getSubject() {
        return subject;
    }

    public long getSize() {
        return size;
    }

    public String getHeaders() {
        return headers;
    }

    public String getTextBody() {
        return textBody;
    }

    public InboundOutcome getOutcome() {
        return outcome;
    }

    public String getReason() {
        return reason;
    }

    public RecordKind getRecordKind() {
        return recordKind;
    }

    public Long getRecordId() {
        return recordId;
    }

    public String getAuthor() {
        return author;
    }

    public Long getOutboxId() {
        return outboxId;
    }
}
