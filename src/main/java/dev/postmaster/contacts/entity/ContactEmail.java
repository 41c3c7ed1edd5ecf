package dev.postmaster.contacts.entity;

import dev.postmaster.validation.MailAddress;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.NotNull;
import java.io.Serializable;

/** One of a contact's addresses; the contact makes sure exactly one is the default. */
@Embeddable
public class ContactEmail implements Serializable {

    private static final long serialVersionUID = 1L;

    @NotNull
    @MailAddress
    @Column(name = "address", nullable = false, length = 254)
    private String address;

    @Column(name = "is_default", nullable = false)
    private boolean preferred;

    protected ContactEmail() {
        // for JPA
    }

    public ContactEmail(String address, boolean preferred) {
        this.address = address;
        this.preferred = preferred;
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
}
