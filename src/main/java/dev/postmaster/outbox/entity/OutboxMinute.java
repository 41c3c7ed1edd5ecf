package dev.postmaster.outbox.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * What one node's drainer did in one minute, and how many mails were waiting when the minute ended: the Outbox
 * page draws the last hour of these, so an administrator sees a backlog grow before anyone complains. Each node
 * writes only its own rows (the key is minute and node), so no two nodes ever update the same row.
 */
@Entity
@Table(name = "outbox_minute")
@IdClass(OutboxMinute.Key.class)
@NamedQuery(name = OutboxMinute.SINCE, query = "select m from OutboxMinute m where m.minute >= :since"
        + " order by m.minute")
@NamedQuery(name = OutboxMinute.DELETE_BEFORE, query = "delete from OutboxMinute m where m.minute < :before")
public class OutboxMinute {

    public static final String SINCE = "OutboxMinute.since";
    public static final String DELETE_BEFORE = "OutboxMinute.deleteBefore";

    /** When the minute began ({@code MINUTE} is a keyword in H2, hence the column's name). */
    @Id
    @Column(name = "minute_start")
    private Instant minute;

    @Id
    @Column(length = 100)
    private String node;

    @Column(nullable = false)
    private int sent;

    @Column(nullable = false)
    private int deferred;

    @Column(nullable = false)
    private int failed;

    /** Mails waiting (queued, deferred or being sent) at the end of the minute, all nodes together. */
    private Integer depth;

    protected OutboxMinute() {
    }

    public OutboxMinute(Instant minute, String node) {
        this.minute = minute;
        this.node = node;
    }

    /** Adds what happened since the last call; {@code depth} replaces the one seen before. */
    public void add(int sent, int deferred, int failed, Long depth) {
        this.sent += sent;
        this.deferred += deferred;
        this.failed += failed;
        if (depth != null) {
            this.depth = (int) Math.min(Integer.MAX_VALUE, depth);
        }
    }

    public Instant getMinute() {
        return minute;
    }

    public String getNode() {
        return node;
    }

    public int getSent() {
        return sent;
    }

    public int getDeferred() {
        return deferred;
    }

    public int getFailed() {
        return failed;
    }

    public Integer getDepth() {
        return depth;
    }

    /** The key: a minute and the node that counted it. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private Instant minute;
        private String node;

        public Key() {
        }

        public Key(Instant minute, String node) {
            this.minute = minute;
            this.node = node;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(minute, key.minute) && Objects.equals(node, key.node);
        }

        @Override
        public int hashCode() {
            return Objects.hash(minute, node);
        }
    }
}
