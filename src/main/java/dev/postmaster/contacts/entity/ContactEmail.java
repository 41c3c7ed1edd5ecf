package dev.postmaster.contacts.entity;

import dev.postmaster.validation.MailAddress;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.NotNull;
import java.io.Serializable;
import java.time.Instant;

/**
 * One of a contact's addresses; the contact makes sure exactly one is the default.
 *
 * <p>An address is <em>verified</em> when an administrator set it, or when its owner added it and then opened
 * the link mailed to it; until then it is waiting for confirmation and is neither sent notifications nor used as
 * anyone's From address, so that nobody can make mail appear to come from an address they cannot read. The
 * confirmation in flight is a random nonce, which the link carries signed: a newer link replaces it, and a
 * confirmed address has none.
 */
@Embeddable
public class ContactEmail implements Serializable {

    private static final long serialVersionUID = 1L;

    @NotNull
    @MailAddress
    @Column(name = "address", nullable = false, length = 254)
    private String address;

    @Column(name = "is_default", nullable = false)
    private boolean preferred;

    @Column(name = "verified", nullable = false)
    private boolean verified;

    @Column(name = "confirmation_nonce", length = 32)
    private String confirmationNonce;

    @Column(name = "confirmation_sent_at")
    private Instant confirmationSentAt;

    protected ContactEmail() {
        // for JPA
    }

    public ContactEmail(String address, boolean preferred, boolean verified) {
        this.address = address;
        this.preferred = preferred;
        this.verified = verified;
    }

    /** Whether {@code address} may be one of a contact's addresses: the one mail-address rule. */
    public static boolean isValid(String address) {
        return address != null && MailAddress.Validator.isAddress(address);
    }

    public String getAddress() {
        return address;
    }

    public boolean isPreferred() {
        return preferred;
    }

    void setPreferred(boolean preferred) {
        this.preferred = preferred;
    }

    public boolean isVerified() {
        return verified;
    }

    /** The nonce of the newest confirmation link, or {@code null} when none is waiting. */
    public String getConfirmationNonce() {
        return confirmationNonce;
    }

    /** When the newest confirmation link was mailed, or {@code null} when none was. */
    public Instant getConfirmationSentAt() {
        return confirmationSentAt;
    }

    /** A new confirmation link is on its way: only the newest one counts. */
    void confirmationStarted(String nonce, Instant at) {
        this.confirmationNonce = nonce;
        this.confirmationSentAt = at;
    }

    /** The address is the person's (they opened the link) or an administrator says so. */
    void verify() {
        this.verified = true;
        this.confirmationNonce = null;
    }
}
