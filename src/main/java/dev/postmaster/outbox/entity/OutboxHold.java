package dev.postmaster.outbox.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * Whether the outbox sends: an administrator holds it (mail queued meanwhile waits, nothing is lost) and releases
 * it again. One row, in the database, so that every node sees the same answer and a restart keeps it.
 */
@Entity
@Table(name = "outbox_hold")
public class OutboxHold {

    /** The one row's key. */
    public static final long ID = 1;

    @Id
    private Long id;

    @Column(nullable = false)
    private boolean held;

    @Column(name = "changed_by", length = 100)
    private String changedBy;

    @Column(name = "changed_at")
    private Instant changedAt;

    @Version
    private long version;

    protected OutboxHold() {
        // for JPA
    }

    public OutboxHold(boolean held, String by, Instant at) {
        this.id = ID;
        set(held, by, at);
    }

    public final void set(boolean held, String by, Instant at) {
        this.held = held;
        this.changedBy = by;
        this.changedAt = at;
    }

    public boolean isHeld() {
        return held;
    }

    public String getChangedBy() {
        return changedBy;
    }

    public Instant getChangedAt() {
        return changedAt;
    }
}
