package dev.postmaster.notification.boundary;

import dev.postmaster.notification.entity.NotificationPreference;
import dev.postmaster.notification.entity.NotificationType;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.EnumMap;
import java.util.Map;

/** Which notifications each user receives: their explicit choices over the types' defaults. */
@Stateless
public class Preferences {

    @PersistenceContext
    EntityManager em;

    /** Every type with what applies to {@code username}, in the types' order. */
    public Map<NotificationType, Boolean> of(String username) {
        Map<NotificationType, Boolean> choices = new EnumMap<>(NotificationType.class);
        for (NotificationType type : NotificationType.values()) {
            choices.put(type, type.onByDefault());
        }
        em.createNamedQuery(NotificationPreference.FOR_USER, NotificationPreference.class)
                .setParameter("username", username).getResultList()
                .forEach(preference -> choices.put(preference.getType(), preference.isEnabled()));
        return choices;
    }

    public boolean wants(String username, NotificationType type) {
        return of(username).get(type);
    }

    public void set(String username, NotificationType type, boolean enabled) {
        em.createNamedQuery(NotificationPreference.FOR_USER, NotificationPreference.class)
                .setParameter("username", username).getResultList().stream()
                .filter(preference -> preference.getType() == type).findFirst()
                .ifPresentOrElse(preference -> preference.setEnabled(enabled),
                        () -> em.persist(new NotificationPreference(username, type, enabled)));
    }
}
