package dev.postmaster.notification.boundary;

import dev.postmaster.notification.entity.NotificationPreference;
import dev.postmaster.notification.entity.NotificationType;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which notifications each user receives: their explicit choices over the types' defaults. */
@Stateless
public class Preferences {

    private static final int IN_LIST = 1000;

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

    /** Who of {@code usernames} receives {@code type}: one query for all of them. */
    public Set<String> wanting(Collection<String> usernames, NotificationType type) {
        Set<String> wanting = new HashSet<>();
        if (type.onByDefault()) {
            wanting.addAll(usernames);
        }
        List<String> names = List.copyOf(new HashSet<>(usernames));
        for (int from = 0; from < names.size(); from += IN_LIST) {
            em.createNamedQuery(NotificationPreference.FOR_USERS_AND_TYPE, NotificationPreference.class)
                    .setParameter("usernames", names.subList(from, Math.min(names.size(), from + IN_LIST)))
                    .setParameter("type", type).getResultList()
                    .forEach(choice -> {
                        if (choice.isEnabled()) {
                            wanting.add(choice.getUsername());
                        } else {
                            wanting.remove(choice.getUsername());
                        }
                    });
        }
        return wanting;
    }

    public void set(String username, NotificationType type, boolean enabled) {
        em.createNamedQuery(NotificationPreference.FOR_USER, NotificationPreference.class)
                .setParameter("username", username).getResultList().stream()
                .filter(preference -> preference.getType() == type).findFirst()
                .ifPresentOrElse(preference -> preference.setEnabled(enabled),
                        () -> em.persist(new NotificationPreference(username, type, enabled)));
    }
}
