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
@NamedQuery(name = UserAccount.ALL, query = "select u from UserAccount u order by u.username")
public class UserAccount {

    public static final String FIND_BY_USERNAME = "UserAccount.findByUsername";
    public static final String ALL = "UserAccount.all";

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
        this.role = role;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
