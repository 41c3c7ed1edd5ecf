package dev.postmaster.console;

import dev.postmaster.notification.boundary.Preferences;
import dev.postmaster.notification.entity.NotificationType;
import dev.postmaster.security.boundary.ActiveUser;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Backs {@code preferences.xhtml}, "Preferences › Email Notifications": one switch per notification type for the
 * signed-in user, next to the type's default. Saving stores only the switches that differ from what applies now,
 * so a type the user never touched keeps following its default.
 */
@Named
@ViewScoped
public class PreferencesBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One row of the page. */
    public static class Choice implements Serializable {

        private static final long serialVersionUID = 1L;
        private final NotificationType type;
        private boolean enabled;

        Choice(NotificationType type, boolean enabled) {
            this.type = type;
            this.enabled = enabled;
        }

        public NotificationType getType() {
            return type;
        }

        public String getLabel() {
            return type.label();
        }

        public String getDefaultText() {
            return type.onByDefault() ? "Default: on" : "Default: off";
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    @Inject
    ActiveUser activeUser;

    @Inject
    Preferences preferences;

    private List<Choice> choices;

    @PostConstruct
    void load() {
        choices = preferences.of(activeUser.getUsername()).entrySet().stream()
                .map(entry -> new Choice(entry.getKey(), entry.getValue())).toList();
    }

    public void save() {
        Map<NotificationType, Boolean> applying = preferences.of(activeUser.getUsername());
        int changed = 0;
        for (Choice choice : choices) {
            if (applying.get(choice.type) != choice.enabled) {
                preferences.set(activeUser.getUsername(), choice.type, choice.enabled);
                changed++;
            }
        }
        load();
        Messages.info(changed == 0 ? "Nothing changed." : "Saved. Your email notifications are as shown below.");
    }


    public List<Choice> getChoices() {
        return choices;
    }
}
