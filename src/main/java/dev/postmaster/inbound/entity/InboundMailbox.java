package dev.postmaster.inbound.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * What the poller keeps of a mailbox between polls: the UIDVALIDITY it last saw (a new one means the server
 * renumbered the mailbox), when it first connected, and the backlog rule. Unread mail that reached the mailbox more
 * than the backlog age before the first connect is held back, counted but not processed, until an administrator
 * takes it in or marks it seen: pointing Postmaster at a mailbox full of old mail must not flood anyone.
 */
@Entity
@Table(name = "inbound_mailbox")
public class InboundMailbox {

    /** What the administrator decided about the unread mail found at the first connect. */
    public enum Backlog {
        /** Held back: counted, not processed, until decided. */
        HELD,
        /** Taken in like any other mail. */
        TAKEN_IN,
        /** Marked seen on the server without being processed. */
        MARKED_SEEN
    }

    @Id
    @Column(length = 300)
    private String mailbox;

    @Column(name = "uid_validity")
    private Long uidValidity;

    @Column(name = "first_connected_at", nullable = false)
    private Instant firstConnectedAt;

    /** Unread mail received before this is the backlog. */
    @Column(name = "backlog_before", nullable = false)
    private Instant backlogBefore;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Backlog backlog;

    @Version
    private long version;

    protected InboundMailbox() {
        // for JPA
    }

    public InboundMailbox(String mailbox, Instant firstConnectedAt, Instant backlogBefore) {
        this.mailbox = mailbox;
        this.firstConnectedAt = firstConnectedAt;
        this.backlogBefore = backlogBefore;
        this.backlog = Backlog.HELD;
    }

    /** Whether a message received at {@code receivedAt} is held back now. */
    public boolean holdsBack(Instant receivedAt) {
        return backlog == Backlog.HELD && receivedAt != null && receivedAt.isBefore(backlogBefore);
    }

    public void decide(Backlog decision) {
        this.backlog = decision;
    }

    public void sawUidValidity(long uidValidity) {
        this.uidValidity = uidValidity;
    }

    public String getMailbox() {
        return mailbox;
    }

    public Long getUidValidity() {
        return uidValidity;
    }

    public Instant getFirstConnectedAt() {
        return firstConnectedAt;
    }

    public Instant getBacklogBefore() {
        return backlogBefore;
    }

    public Backlog getBacklog() {
        return backlog;
    }
}
