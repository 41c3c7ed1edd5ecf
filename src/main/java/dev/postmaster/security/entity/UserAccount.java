package dev.postmaster.security.entity;

import dev.postmaster.contacts.entity.Contact;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToOne;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;

/**
 * A login: a user name, a PBKDF2 password hash (never the password), a role, and the contact record of the
 * person behind it (whose default email is theirs).
 */
@Entity
@Table(name = "user_account")
@NamedQuery(name = UserAccount.FIND_BY_USERNAME,
        query = "select u from UserAccount u where u.username = :username")
@NamedQuery(name = UserAccount.BY_USERNAMES, query = "select u from UserAccount u where u.username in :usernames")
@NamedQuery(name = UserAccount.EXISTING, query = "select u.username from UserAccount u where u.username in :usernames")
@NamedQuery(name = UserAccount.ROLE, query = "select u.role from UserAccount u where u.username = :username")
@NamedQuery(name = UserAccount.ALL, query = "select u from UserAccount u order by u.username")
@NamedQuery(name = UserAccount.SESSION_GRANT, query = "select u.enabled, u.securityStamp, u.passwordChangeRequired"
        + " from UserAccount u where u.username = :username")
public class UserAccount {

    public static final String BY_USERNAMES = "UserAccount.byUsernames";
    public static final String EXISTING = "UserAccount.existing";
    public static final String ROLE = "UserAccount.role";

    public static final String FIND_BY_USERNAME = "UserAccount.findByUsername";
    public static final String ALL = "UserAccount.all";
    public static final String SESSION_GRANT = "UserAccount.sessionGrant";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "user_account_ids")
    @TableGenerator(name = "user_account_ids", table = "id_generator", pkColumnValue = "user_account",
            allocationSize = 10)
    private Long id;

    @Column(nullable = false, unique = true, length = 100)
    private String username;

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @OneToOne(cascade = CascadeType.PERSIST, fetch = FetchType.EAGER)
    @JoinColumn(name = "contact_id")
    private Contact contact;

    /**
     * Changes whenever what a session was granted changes: deactivation, role, password. A session remembers the
     * stamp it signed in under, and ends at its next request when the account's stamp is no longer that one.
     */
    @Column(name = "security_stamp", nullable = false)
    private int securityStamp;

    @Column(name = "password_change_required", nullable = false)
    private boolean passwordChangeRequired;

    @Version
    private long version;

    protected UserAccount() {
        // for JPA
    }

    public UserAccount(String username, String passwordHash, Role role) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.createdAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public Role getRole() {
        return role;
    }

    public Optional<Contact> contact() {
        return Optional.ofNullable(contact);
    }

    public void linkTo(Contact contact) {
        this.contact = contact;
    }

    public void setRole(Role role) {
        if (this.role != role) {
            this.role = role;
            securityStamp++;
        }
    }

    /** A new password: sessions signed in with the old one end, and a required change is done. */
    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
        this.passwordChangeRequired = false;
        securityStamp++;
    }

    public int getSecurityStamp() {
        return securityStamp;
    }

    /** Whether the user must choose a new password before doing anything else (the generated first password). */
    public boolean isPasswordChangeRequired() {
        return passwordChangeRequired;
    }

    public void requirePasswordChange() {
        this.passwordChangeRequired = true;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        if (this.enabled != enabled) {
            this.enabled = enabled;
            securityStamp++;
        }
    }
}
