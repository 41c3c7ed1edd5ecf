package dev.postmaster.console;

import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.security.boundary.UserAccounts;
import dev.postmaster.security.entity.UserAccount;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.model.SelectItem;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The users the work pages name: whom a task can be assigned to, who can join a project or attend an
 * appointment, and how a user name is shown ("Bob Baker (bob)"). Work records store user names; this turns them
 * into something a person recognises, reading the users once per request however many rows a table has.
 */
@Named
@RequestScoped
public class People {

    @Inject
    UserAccounts accounts;

    private Map<String, UserAccount> byName;

    /**
     * The users to choose from: every enabled user, plus those in {@code alreadyChosen} (a deactivated assignee
     * stays visible rather than silently disappearing from the choice).
     */
    public List<SelectItem> choices(Collection<String> alreadyChosen) {
        return users().values().stream()
                .filter(user -> user.isEnabled() || alreadyChosen.contains(user.getUsername()))
                .map(user -> new SelectItem(user.getUsername(), label(user.getUsername())))
                .toList();
    }

    /** "First Last (username)", or just the user name when the user has no name on record. */
    public String label(String username) {
        if (username == null) {
            return "";
        }
        UserAccount user = users().get(username);
        String name = user == null ? "" : user.contact().map(Contact::getFullName).orElse("");
        String label = name.isEmpty() ? username : name + " (" + username + ")";
        return user != null && !user.isEnabled() ? label + ", deactivated" : label;
    }

    /** The labels of several users, sorted, comma-separated. */
    public String labels(Collection<String> usernames) {
        return usernames.stream().map(this::label).sorted(String.CASE_INSENSITIVE_ORDER)
                .collect(Collectors.joining(", "));
    }

    /** The default address of a user's contact, or {@code null}. */
    public String defaultEmail(String username) {
        UserAccount user = users().get(username);
        return user == null ? null : user.contact().flatMap(Contact::defaultEmail).orElse(null);
    }

    private Map<String, UserAccount> users() {
        if (byName == null) {
            byName = new LinkedHashMap<>();
            accounts.all().forEach(user -> byName.put(user.getUsername(), user));
        }
        return byName;
    }
}
