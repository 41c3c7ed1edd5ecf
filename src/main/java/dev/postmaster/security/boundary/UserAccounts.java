package dev.postmaster.security.boundary;

import dev.postmaster.contacts.boundary.Contacts;
import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.contacts.entity.ContactEmail;
import dev.postmaster.security.control.VerifiedPasswords;
import dev.postmaster.security.entity.Role;
import dev.postmaster.security.entity.UserAccount;
import dev.postmaster.validation.MailAddress;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Creates logins and checks their passwords. Passwords are hashed with the platform's PBKDF2 hash
 * (HMAC-SHA256, 210,000 iterations, random salt); the iteration count is stored inside each hash, so raising it
 * later does not break existing logins.
 */
@Stateless
public class UserAccounts {

    /** The longest user name; a longer one is refused at sign-in before any work is done. */
    public static final int MAX_USERNAME_LENGTH = 100;
    /** Names per IN list: PostgreSQL and H2 take far more, but a statement this size stays cheap to plan. */
    private static final int IN_LIST = 1000;
    /** What a user name may be made of: it appears in URLs, logs and the decision log, so no spaces or symbols. */
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_USERNAME_LENGTH + "}");
    private static final String USERNAME_RULE = "Use 1 to " + MAX_USERNAME_LENGTH
            + " letters, digits, '.', '_' or '-'";
    private static final String EMAIL_RULE = "Enter one email address such as name@example.com";

    /** The shortest password accepted for a new or changed password. */
    public static final int MIN_PASSWORD_LENGTH = 8;
    /** The longest password: a pass phrase fits, a megabyte of hashing work per try does not. */
    public static final int MAX_PASSWORD_LENGTH = 200;

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

    @Inject
    Event<PasswordChanged> passwordChanged;

    @Inject
    SessionGrants sessionGrants;

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
            decoy = passwordHash.generate(UUID.randomUUID().toString().toCharArray());
            decoyHash = decoy;
        }
        return decoy;
    }

    /** Spends the time of one password check, for a try that is refused unchecked (see AccountIdentityStore). */
    public void spendCheckTime(String password) {
        passwordHash.verify((password == null ? "" : password).toCharArray(), decoyHash());
    }

    /** The account with this id (reply tokens name the person a notification went to by id). */
    public Optional<UserAccount> find(long id) {
        return Optional.ofNullable(em.find(UserAccount.class, id));
    }

    /**
     * The accounts of these user names, with their contacts and addresses, in three queries however many there
     * are (EclipseLink's batch reading): what telling 1,000 people needs, without 3,000 look-ups.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<String, UserAccount> findAll(Collection<String> usernames) {
        Map<String, UserAccount> found = new HashMap<>();
        List<String> names = usernames.stream().filter(Objects::nonNull).map(String::strip).distinct().toList();
        for (int from = 0; from < names.size(); from += IN_LIST) {
            em.createNamedQuery(UserAccount.BY_USERNAMES, UserAccount.class)
                    .setParameter("usernames", names.subList(from, Math.min(names.size(), from + IN_LIST)))
                    .setHint("eclipselink.batch.type", "IN")
                    .setHint("eclipselink.batch", "u.contact")
                    .setHint("eclipselink.batch", "u.contact.emails")
                    .getResultList()
                    .forEach(account -> found.put(account.getUsername(), account));
        }
        return found;
    }

    /**
     * Which of these names are users': names only, no accounts loaded (the API checks every name a change gives
     * before it makes the change; loading each account with its contact cost a tenth of a request's time).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Set<String> existing(Collection<String> usernames) {
        Set<String> found = new HashSet<>();
        List<String> names = usernames.stream().filter(Objects::nonNull).map(String::strip).distinct().toList();
        for (int from = 0; from < names.size(); from += IN_LIST) {
            found.addAll(em.createNamedQuery(UserAccount.EXISTING, String.class)
                    .setParameter("usernames", names.subList(from, Math.min(names.size(), from + IN_LIST)))
                    .getResultList());
        }
        return found;
    }

    /** The user's role, without loading the account; empty for no such user. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Role> roleOf(String username) {
        return username == null ? Optional.empty() : em.createNamedQuery(UserAccount.ROLE, Role.class)
                .setParameter("username", username.strip()).getResultStream().findFirst();
    }

    /** Read only: called outside a transaction (the API checks names before it changes anything), it starts none. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<UserAccount> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return em.createNamedQuery(UserAccount.FIND_BY_USERNAME, UserAccount.class)
                .setParameter("username", username.strip())
                .getResultStream().findFirst();
    }

    /**
     * Creates a login, with a contact record for the person when a name or an address is given (made by
     * {@link Contacts}, where addresses are checked).
     *
     * @param email the person's default address, or {@code null}
     * @throws AccountRefused naming each field that breaks a rule; nothing is stored
     */
    public UserAccount create(String username, String password, Role role, String firstName, String lastName,
            String email) {
        Map<String, String> problems = new LinkedHashMap<>();
        String name = username == null ? "" : username.strip();
        boolean taken = false;
        if (!USERNAME.matcher(name).matches()) {
            problems.put(AccountRefused.USERNAME, USERNAME_RULE);
        } else if (find(name).isPresent()) {
            problems.put(AccountRefused.USERNAME, "A user named " + name + " already exists");
            taken = true;
        }
        passwordProblem(password).ifPresent(problem -> problems.put(AccountRefused.PASSWORD, problem));
        String address = blankToNull(email);
        if (address != null && !MailAddress.Validator.isAddress(address)) {
            problems.put(AccountRefused.EMAIL, EMAIL_RULE);
        }
        if (!problems.isEmpty()) {
            throw new AccountRefused(problems, taken && problems.size() == 1);
        }
        UserAccount account = new UserAccount(name, passwordHash.generate(password.toCharArray()), role);
        em.persist(account);
        if (blankToNull(firstName) != null || blankToNull(lastName) != null || address != null) {
            account.linkTo(contacts.create(blankToNull(firstName), blankToNull(lastName),
                    address == null ? List.of() : List.of(address), address));
        }
        return account;
    }

    /**
     * Changes what the Users page edits, in one transaction: the role, the contact's name and default address
     * (the address typed replaces the old default; the contact's other addresses stay), and the password when a
     * new one is given.
     *
     * @throws AccountRefused when the address or the new password breaks a rule
     * @throws SelfLockoutRefused when {@code actor} would take the administrator role from themselves
     */
    public UserAccount update(String actor, String username, Role role, String firstName, String lastName,
            String email, String newPassword) {
        UserAccount account = find(username).orElseThrow(() -> new IllegalArgumentException(
                "The user " + username + " no longer exists"));
        Map<String, String> problems = new LinkedHashMap<>();
        String address = blankToNull(email);
        if (address != null && !MailAddress.Validator.isAddress(address)) {
            problems.put(AccountRefused.EMAIL, EMAIL_RULE);
        }
        if (newPassword != null) {
            passwordProblem(newPassword).ifPresent(problem -> problems.put(AccountRefused.PASSWORD, problem));
        }
        if (!problems.isEmpty()) {
            throw new AccountRefused(problems, false);
        }
        if (account.getRole() != role) {
            setRole(actor, username, role);
        }
        Optional<Contact> contact = account.contact();
        if (contact.isPresent()) {
            String previousDefault = contact.get().defaultEmail().orElse("");
            List<String> emails = new ArrayList<>(contact.get().getEmails().stream().map(ContactEmail::getAddress)
                    .filter(existing -> !existing.equalsIgnoreCase(previousDefault)).toList());
            if (address != null && emails.stream().noneMatch(address::equalsIgnoreCase)) {
                emails.add(0, address);
            }
            contacts.update(contact.get().getId(), blankToNull(firstName), blankToNull(lastName), emails, address);
        } else if (blankToNull(firstName) != null || blankToNull(lastName) != null || address != null) {
            createContact(username, blankToNull(firstName), blankToNull(lastName),
                    address == null ? List.of() : List.of(address), address);
        }
        if (newPassword != null) {
            setPassword(account, newPassword);
        }
        return account;
    }

    /**
     * Gives a login without a contact record one, made by an administrator (so its addresses are verified):
     * users created without a contact (such as the fixtures, or an admin from before contacts existed) must be
     * able to have the default address that their notifications need. The addresses go through {@link Contacts},
     * the one place they are checked, in this transaction, so a refused address leaves the user without a
     * half-made contact.
     *
     * @throws IllegalArgumentException when there is no such user, the user already has a contact, or an
     *         address is not valid
     */
    public Contact createContact(String username, String firstName, String lastName, List<String> emails,
            String defaultEmail) {
        return link(username, () -> contacts.create(firstName, lastName, emails, defaultEmail));
    }

    /**
     * As {@link #createContact}, for users who make their own contact record ("Me › My contact"): its addresses
     * wait for confirmation, since nobody has yet seen that they are the user's.
     */
    public Contact createOwnContact(String username, String firstName, String lastName, List<String> emails,
            String defaultEmail) {
        return link(username, () -> contacts.createOwn(firstName, lastName, emails, defaultEmail));
    }

    private Contact link(String username, Supplier<Contact> made) {
        UserAccount account = find(username).orElseThrow(() -> new IllegalArgumentException("No user " + username));
        if (account.contact().isPresent()) {
            throw new IllegalArgumentException("The user " + username + " already has a contact record");
        }
        Contact contact = made.get();
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
        sessionGrants.changed(username);
        return account;
    }

    /** @throws SelfLockoutRefused when {@code actor} would take the administrator role from themselves */
    public UserAccount setRole(String actor, String username, Role role) {
        if (username.equals(actor) && role != Role.ADMIN) {
            throw new SelfLockoutRefused("You cannot take the administrator role from yourself.");
        }
        UserAccount account = find(username).orElseThrow(() -> new IllegalArgumentException("No user " + username));
        account.setRole(role);
        sessionGrants.changed(username);
        return account;
    }

    /**
     * Sets a new password; the user's sessions signed in with the old one end at their next request.
     *
     * @throws AccountRefused when the password is too short
     */
    public void changePassword(String username, String password) {
        UserAccount account = find(username).orElseThrow(() -> new IllegalArgumentException("No user " + username));
        passwordProblem(password).ifPresent(problem -> {
            throw new AccountRefused(Map.of(AccountRefused.PASSWORD, problem), false);
        });
        setPassword(account, password);
    }

    /**
     * A user changes their own password: the current one must be given (a session left open on a shared
     * machine must not be enough to take the account over), and the new one must differ from it.
     *
     * @throws AccountRefused naming the field at fault; nothing is changed
     */
    public void changeOwnPassword(String username, String currentPassword, String newPassword) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (currentPassword == null || verify(username, currentPassword).isEmpty()) {
            problems.put(AccountRefused.CURRENT_PASSWORD, "This is not your current password");
        } else if (currentPassword.equals(newPassword)) {
            problems.put(AccountRefused.PASSWORD, "Choose a password other than the current one");
        }
        if (!problems.containsKey(AccountRefused.PASSWORD)) {
            passwordProblem(newPassword).ifPresent(problem -> problems.put(AccountRefused.PASSWORD, problem));
        }
        if (!problems.isEmpty()) {
            throw new AccountRefused(problems, false);
        }
        setPassword(find(username).orElseThrow(), newPassword);
    }

    private void setPassword(UserAccount account, String password) {
        account.setPasswordHash(passwordHash.generate(password.toCharArray()));
        sessionGrants.changed(account.getUsername());
        passwordChanged.fire(new PasswordChanged(account.getUsername()));
    }

    /**
     * What a signed-in session must be compared with on each request: whether the account still exists and is
     * enabled, its security stamp, and whether it must change its password first. One small query.
     */
    public Optional<SessionGrant> sessionGrant(String username) {
        return em.createNamedQuery(UserAccount.SESSION_GRANT, Object[].class)
                .setParameter("username", username)
                .getResultStream().findFirst()
                .map(row -> new SessionGrant((Boolean) row[0], ((Number) row[1]).intValue(), (Boolean) row[2]));
    }

    private static Optional<String> passwordProblem(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            return Optional.of("Use at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        return password.length() > MAX_PASSWORD_LENGTH
                ? Optional.of("Use at most " + MAX_PASSWORD_LENGTH + " characters")
                : Optional.empty();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
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
