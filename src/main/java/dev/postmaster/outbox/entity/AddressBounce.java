package dev.postmaster.outbox.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Locale;

/**
 * What the delivery reports said of one address. After {@link #BOUNCING_AFTER} hard bounces (the receiving side
 * said the address does not take mail) the address is marked bouncing, and notifications to it are skipped, so the
 * application stops sending into a void, until an administrator clears the mark. Soft bounces (full mailbox,
 * delays) are counted but mark nothing.
 */
@Entity
@Table(name = "address_bounce")
@NamedQuery(name = AddressBounce.BOUNCING, query = "select b from AddressBounce b where b.bouncing = true"
        + " order by b.address")
@NamedQuery(name = AddressBounce.BOUNCING_AMONG, query = "select b.address from AddressBounce b"
        + " where b.bouncing = true and b.address in :addresses")
public class AddressBounce {

    public static final String BOUNCING_AMONG = "AddressBounce.bouncingAmong";

    public static final String BOUNCING = "AddressBounce.bouncing";
    /** How many hard bounces mark an address as bouncing. */
    public static final int BOUNCING_AFTER = 3;

    /** The address, in lower case: mailboxes are matched without regard to case here. */
    @Id
    @Column(length = 254)
    private String address;

    @Column(name = "hard_bounces", nullable = false)
    private int hardBounces;

    @Column(name = "soft_bounces", nullable = false)
    private int softBounces;

    @Column(name = "last_bounce_at", nullable = false)
    private Instant lastBounceAt;

    @Column(name = "last_detail", length = 1000)
    private String lastDetail;

    @Column(nullable = false)
    private boolean bouncing;

    @Version
    private long version;

    protected AddressBounce() {
        // for JPA
    }

    public AddressBounce(String address) {
        this.address = key(address);
    }

    /** How an address is stored and looked up. */
    public static String key(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }

    /** Counts one report; a hard one may mark the address as bouncing. */
    public void record(boolean hard, Instant at, String detail) {
        if (hard) {
            hardBounces++;
            bouncing |= hardBounces >= BOUNCING_AFTER;
        } else {
            softBounces++;
        }
        lastBounceAt = at;
        lastDetail = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 997) + "...";
    }

    /** An administrator says the address works again: the counts start over. */
    public void clear() {
        bouncing = false;
        hardBounces = 0;
        softBounces = 0;
    }

    public String getAddress() {
        return address;
    }

    public int getHardBounces() {
        return hardBounces;
    }

    public int getSoftBounces() {
        return softBounces;
    }

    public Instant getLastBounceAt() {
        return lastBounceAt;
    }

    public String getLastDetail() {
        return lastDetail;
    }

    public boolean isBouncing() {
        return bouncing;
    }
}
