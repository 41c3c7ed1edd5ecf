package dev.postmaster.notification.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.UniqueConstraint;

/**
 * A user's explicit choice for one notification type. No row means the type's default applies, so adding a
 * type later gives every user its default without a migration.
 */
@Entity
@Table(name = "notification_preference",
        uniqueConstraints = @UniqueConstraint(columnNames = {"username", "type"}))
@NamedQuery(name = NotificationPreference.FOR_USER,
        query = "select p from NotificationPreference p where p.username = :username")
@NamedQuery(name = NotificationPreference.FOR_USERS_AND_TYPE, query = "select p from NotificationPreference p"
        + " where p.username in :usernames and p.type = :type")
public class NotificationPreference {

    public static final String FOR_USERS_AND_TYPE = "NotificationPreference.forUsersAndType";

    public static final String FOR_USER = "NotificationPreference.forUser";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "preference_ids")
    @TableGenerator(name = "preference_ids", table = "id_generator", pkColumnValue = "notification_preference",
            allocationSize = 20)
    private Long id;

    @Column(nullable = false, length = 100)
    private String username;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 40)
    private NotificationType type;

    @Column(nullable = false)
    private boolean enabled;

    protected NotificationPreference() {
        // for JPA
    }

    public NotificationPreference(String username, NotificationType type, boolean enabled) {
        this.username = username;
        this.type = type;
        this.enabled = enabled;
    }

    public String getUsername() {
        return username;
    }

    public NotificationType getType() {
        return type;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
