package dev.postmaster.security.boundary;

import dev.postmaster.contacts.boundary.Contacts;
import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.security.control.VerifiedPasswords;
import dev.postmaster.security.entity.Role;
import dev.postmaster.security.entity.UserAccount;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Creates logins and checks their passwords. Passwords are hashed with the platform's PBKDF2 hash
 * (HMAC-SHA256, 210,000 iterations, random salt); the iteration count is stored inside each hash, so raising it
 * later does not break existing logins.
 */
@Stateless
public class UserAccounts {

    /**
     * What a user name may be made of: it appears in URLs, logs and the decision log, so no spaces or symbols.
     * The API and the console both check new names against it.
     */
    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    public static final String USERNAME_RULE = "Use 1 to 100 letters, digits, '.', '_' or '-'";
    /** The shortest password the API and the console accept for a new or changed password. */
    public static final int MIN_PASSWORD_LENGTH = 8;

    /** A hash of a random password, checked when the user does not exist so timing reveals nothing. */
    private static volatile String decoyHash;

    @PersistenceContext
    EntityManager em;

    @Inject
    Pbkdf2PasswordHash passwordHash;

    @Inject
    VerifiedPasswords verified;

    @Inject
    Contacts contacts;

    @PostConstruct
    void configureHash() {
        passwordHash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations", "210000",
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
    }

    private String decoyHash() {
        String decoy = decoyHash;
        if (decoy == null) {
            decoy = passwordHash.generate(java.util.UUID.randomUUID().toString().toCharArray());
            decoyHash = decoy;
        }
        return decoy;
    }

    public Optional<UserAccount> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return em.createNamedQuery(UserAccount.FIND_BY_USERNAME, UserAccount.class)
                .setParameter("username", username.strip())
                .getResultStream().findFirst();
    }

    public UserAccount create(String username, String password, Role role) {
        if (find(username).isPresent()) {
            throw new IllegalArgumentException("A user named " + username + " already exists");
        }
        UserAccount account = new UserAccount(username.strip(), passwordHash.generate(password.toCharArray()), role);
        em.persist(account);
        return account;
    }

    /** Creates a login for the person in {@code contact}. */
    public UserAccount create(String username, String password, Role role, Contact contact) {
        UserAccount account = create(username, password, role);
        em.persist(contact);
        account.linkTo(contact);
        return account;
    }

    /**
     * Gives a login without a contact record one: users created without a contact (such as the fixtures, or an
     * admin from before contacts existed) must be able to enter the default address that their notifications
     * need. The addresses go through {@link Contacts}, the one place they are checked, in this transaction, so a
     * refused address leaves the user without a half-made contact.
     *
     * @throws IllegalArgumentException when there is no such user, the user already has a contact, or an
     *         address is not valid
     */
    public Contact createContact(String username, String firstName, String lastName, List<String> emails,
            String defaultEmail) {
        UserAccount account = find(username).orElseThrow(() -> new IllegalArgumentException("No user " + username));
        if (account.contact().isPresent()) {
            throw new IllegalArgumentException("The user " + username + " already has a contact record");
        }
        Contact contact = contacts.create(firstName, lastName, emails, defaultEmail);
        account.linkTo(contact);
        return contact;
    }

    public List<UserAccount> all() {
        return em.createNamedQuery(UserAccount.ALL, UserAccount.class).getResultList();
    }

    /**
     * Turns a login on or off; a deactivated user cannot sign in and gets no notifications.
     *
     * @throws SelfLockoutRefused when {@code actor} would deactivate themselves
     */
    public UserAccount setEnabled(String actor, String username, boolean enabled) {
        if (!enabled && username.equals(actor)) {
            throw new SelfLockoutRefused("You cannot deactivate yourself.");
        }
        UserAccount account = find(username).orElseThrow(() -> new IllegalArgumentException("No user " + username));
        account.setEnabled(enabled);
        return account;
    }

    /** @throws SelfLockoutRefused when {@code actor} would take the administrator role from themselves */
    public UserAccount setRole(String actor, String username, Role role) {
        if (username.equals(actor) && role != Role.ADMIN) {
            throw new SelfLockoutRefused("You cannot take the administrator role from yourself.");
        }
        UserAccount account = find(username).orElseThrow(() -> new IllegalArgumentException("No user " + username));
        account.setRole(role);
        return account;
    }

    public void changePassword(String username, String password) {
        UserAccount account = find(username).orElseThrow(() -> new IllegalArgumentException("No user " + username));
        account.setPasswordHash(passwordHash.generate(password.toCharArray()));
    }

    /**
     * The enabled account whose password matches, if any.
     *
     * <p>PBKDF2 is slow on purpose, and an API script sends its password with every request, so a successful
     * check is remembered for {@link VerifiedPasswords#FOR} as a keyed hash of the password. A remembered check
     * counts only while the account still has the same stored hash and is enabled, so a new password or a
     * deactivation takes effect at once; a wrong password is always checked in full.
     */
    public Optional<UserAccount> verify(String username, String password) {
        Optional<UserAccount> account = find(username).filter(UserAccount::isEnabled);
        if (account.isEmpty()) {
            passwordHash.verify(password.toCharArray(), decoyHash());
            return Optional.empty();
        }
        String storedHash = account.get().getPasswordHash();
        if (verified.remembers(username, password, storedHash)) {
            return account;
        }
        if (passwordHash.verify(password.toCharArray(), storedHash)) {
            verified.remember(username, password, storedHash);
            return account;
        }
        return Optional.empty();
    }
}
