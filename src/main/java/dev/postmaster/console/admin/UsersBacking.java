package dev.postmaster.console.admin;

import dev.postmaster.console.Messages;
import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.security.boundary.AccountRefused;
import dev.postmaster.security.boundary.AccountSessions;
import dev.postmaster.security.boundary.ActiveUser;
import dev.postmaster.security.boundary.SelfLockoutRefused;
import dev.postmaster.security.boundary.UserAccounts;
import dev.postmaster.security.entity.Role;
import dev.postmaster.security.entity.UserAccount;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
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
    private static final String NOT_SAVED = "Nothing was saved. Correct the fields marked below.";

    /** One row of the table. */
    public record Row(String username, String name, String email, Role role, boolean enabled)
            implements Serializable {

        static Row of(UserAccount user) {
            Optional<Contact> contact = user.contact();
            return new Row(user.getUsername(), contact.map(Contact::getFullName).orElse(""),
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
    ActiveUser activeUser;

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
            if (!creating && isSelf() && role != Role.ADMIN) {
                // Refused by UserAccounts too; checked first so that nothing of the edit is saved.
                Messages.error(EDITOR + ":role", "You cannot take the administrator role from yourself");
                Messages.error(null, NOT_SAVED);
                return;
            }
            if (creating) {
                accounts.create(username, password, role, firstName, lastName, email);
                Messages.info("User " + username.strip() + " created.");
            } else {
                accounts.update(activeUser.getUsername(), username, role, firstName, lastName, email, password);
                if (password != null && isSelf()) {
                    // Your own new password ends your other sessions, not this one.
                    AccountSessions.renew((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext()
                            .getRequest(), accounts);
                }
                Messages.info("User " + username + " saved" + (password != null ? ", with a new password." : "."));
            }
            load();
            // Only a save that worked closes the dialog and redraws the table (with the message above it).
            PrimeFaces.current().ajax().update(TABLE_FORM);
            PrimeFaces.current().executeScript("PF('editorDialog').hide()");
        } catch (AccountRefused refused) {
            refused.problems().forEach((field, problem) -> Messages.error(EDITOR + ":" + field, problem));
            Messages.error(null, NOT_SAVED);
        } catch (SelfLockoutRefused refused) {
            Messages.error(null, refused.getMessage());
        } catch (RuntimeException e) {
            Messages.refused(e, null);
        } finally {
            password = null;
        }
    }

    public void setEnabled(String name, boolean enabled) {
        try {
            accounts.setEnabled(activeUser.getUsername(), name, enabled);
            load();
            Messages.info(enabled ? "User " + name + " can sign in again."
                    : "User " + name + " is deactivated: they cannot sign in and get no notifications.");
        } catch (SelfLockoutRefused e) {
            Messages.error(null, e.getMessage());
        } catch (RuntimeException e) {
            Messages.refused(e, null);
        }
    }

    static String label(Role role) {
        return switch (role) {
            case ADMIN -> "Administrator";
            case USER -> "User";
            case METRICS -> "Metrics scraper";
        };
    }

    private boolean isSelf() {
        return username != null && username.equals(activeUser.getUsername());
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

    /** What the password field asks for: the shortest password allowed, or that empty keeps the current one. */
    public String getPasswordHint() {
        return creating ? "At least " + UserAccounts.MIN_PASSWORD_LENGTH + " characters."
                : "Leave empty to keep the current password.";
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
