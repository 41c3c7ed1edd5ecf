package dev.postmaster.console.admin;

import dev.postmaster.console.Messages;
import dev.postmaster.contacts.boundary.Contacts;
import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.contacts.entity.ContactEmail;
import dev.postmaster.security.boundary.SelfLockoutRefused;
import dev.postmaster.security.boundary.UserAccounts;
import dev.postmaster.security.entity.Role;
import dev.postmaster.security.entity.UserAccount;
import dev.postmaster.validation.MailAddress;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJBException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.primefaces.PrimeFaces;

/**
 * Backs {@code admin/users.xhtml}, "Admin Settings › Users": the logins, each with its role, whether it may sign
 * in, and the name and default address of its contact, in a table to filter, sort and page; a dialog creates or
 * edits one. An administrator cannot deactivate themselves or take away their own administrator role here, so
 * that nobody locks themselves out by a slip of the mouse.
 */
@Named
@ViewScoped
public class UsersBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String EDITOR = "editor";
    static final String TABLE_FORM = "users";

    /** One row of the table. */
    public record Row(String username, String name, String email, Role role, boolean enabled)
            implements Serializable {

        static Row of(UserAccount user) {
            Optional<Contact> contact = user.contact();
            return new Row(user.getUsername(), contact.map(c -> ((c.getFirstName() == null ? "" : c.getFirstName())
                    + " " + (c.getLastName() == null ? "" : c.getLastName())).strip()).orElse(""),
                    contact.flatMap(Contact::defaultEmail).orElse(""), user.getRole(), user.isEnabled());
        }

        public String roleLabel() {
            return UsersBacking.label(role);
        }

        public String state() {
            return enabled ? "Active" : "Deactivated";
        }
    }

    @Inject
    UserAccounts accounts;

    @Inject
    Contacts contacts;

    @Inject
    SecurityContext securityContext;

    private List<Row> rows;
    private List<Row> filtered;

    // the dialog
    private boolean creating;
    private String username;
    private transient String password;
    private Role role = Role.USER;
    private String firstName;
    private String lastName;
    private String email;

    @PostConstruct
    void load() {
        rows = accounts.all().stream().map(Row::of).toList();
    }

    public void startNew() {
        creating = true;
        username = null;
        role = Role.USER;
        firstName = null;
        lastName = null;
        email = null;
    }

    public void edit(String name) {
        UserAccount user = accounts.find(name).orElseThrow();
        Row row = Row.of(user);
        creating = false;
        username = user.getUsername();
        role = user.getRole();
        firstName = user.contact().map(Contact::getFirstName).orElse(null);
        lastName = user.contact().map(Contact::getLastName).orElse(null);
        email = row.email().isEmpty() ? null : row.email();
    }

    public void save() {
        try {
            if (!checked()) {
                return;
            }
            if (creating) {
                create();
            } else {
                update();
            }
            load();
            // Only a save that worked closes the dialog and redraws the table (with the message above it).
            PrimeFaces.current().ajax().update(TABLE_FORM);
            PrimeFaces.current().executeScript("PF('editorDialog').hide()");
        } catch (EJBException e) {
            Messages.refused(e, null);
        } finally {
            password = null;
        }
    }

    /** What only the page can check before anything is stored; each problem beside its field. */
    private boolean checked() {
        boolean valid = true;
        if (creating && (username == null || !UserAccounts.USERNAME.matcher(username.strip()).matches())) {
            Messages.error(EDITOR + ":username", UserAccounts.USERNAME_RULE);
            valid = false;
        } else if (creating && accounts.find(username).isPresent()) {
            Messages.error(EDITOR + ":username", "A user named " + username.strip() + " already exists");
            valid = false;
        }
        if ((creating || password != null) && (password == null
                || password.length() < UserAccounts.MIN_PASSWORD_LENGTH)) {
            Messages.error(EDITOR + ":password",
                    "Use at least " + UserAccounts.MIN_PASSWORD_LENGTH + " characters");
            valid = false;
        }
        if (email != null && !MailAddress.Validator.isAddress(email.strip())) {
            Messages.error(EDITOR + ":email", "Enter one email address such as name@example.com");
            valid = false;
        }
        if (!creating && isSelf() && role != Role.ADMIN) {
            Messages.error(EDITOR + ":role", "You cannot take the administrator role from yourself");
            valid = false;
        }
        if (!valid) {
            Messages.error(null, "Nothing was saved. Correct the fields marked below.");
        }
        return valid;
    }

    private void create() {
        Contact contact = new Contact(firstName, lastName);
        if (email != null) {
            contact.addEmail(email.strip());
        }
        accounts.create(username.strip(), password, role, contact);
        Messages.info("User " + username.strip() + " created.");
    }

    private void update() {
        UserAccount user = accounts.find(username).orElseThrow(() -> new IllegalArgumentException(
                "The user " + username + " no longer exists"));
        Optional<Contact> contact = user.contact();
        String wanted = email == null ? null : email.strip();
        if (contact.isPresent()) {
            // The address typed here replaces the old default; the contact's other addresses stay.
            List<String> emails = new ArrayList<>(contact.get().getEmails().stream().map(ContactEmail::getAddress)
                    .filter(address -> !address.equalsIgnoreCase(contact.get().defaultEmail().orElse("")))
                    .toList());
            if (wanted != null && emails.stream().noneMatch(wanted::equalsIgnoreCase)) {
                emails.add(0, wanted);
            }
            contacts.update(contact.get().getId(), firstName, lastName, emails, wanted);
        } else if (firstName != null || lastName != null || wanted != null) {
            accounts.createContact(username, firstName, lastName, wanted == null ? List.of() : List.of(wanted),
                    wanted);
        }
        if (user.getRole() != role) {
            accounts.setRole(caller(), username, role);
        }
        if (password != null) {
            accounts.changePassword(username, password);
        }
        Messages.info("User " + username + " saved" + (password != null ? ", with a new password." : "."));
    }

    public void setEnabled(String name, boolean enabled) {
        try {
            accounts.setEnabled(caller(), name, enabled);
            load();
            Messages.info(enabled ? "User " + name + " can sign in again."
                    : "User " + name + " is deactivated: they cannot sign in and get no notifications.");
        } catch (SelfLockoutRefused e) {
            Messages.error(null, e.getMessage());
        } catch (EJBException e) {
            Messages.refused(e, null);
        }
    }

    static String label(Role role) {
        return role == Role.ADMIN ? "Administrator" : "User";
    }

    private boolean isSelf() {
        return username != null && username.equals(caller());
    }

    private String caller() {
        return securityContext.getCallerPrincipal().getName();
    }

    public List<Row> getRows() {
        return rows;
    }

    public List<Row> getFiltered() {
        return filtered;
    }

    public void setFiltered(List<Row> filtered) {
        this.filtered = filtered;
    }

    public Role[] getRoles() {
        return Role.values();
    }

    public String roleLabel(Role role) {
        return label(role);
    }

    public String getCaller() {
        return caller();
    }

    public boolean isCreating() {
        return creating;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return null;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }
}
