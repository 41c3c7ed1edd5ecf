package dev.postmaster.notification.boundary;

import dev.postmaster.api.RateLimited;
import dev.postmaster.security.boundary.UserAccounts;
import dev.postmaster.security.entity.Role;
import dev.postmaster.work.boundary.AppointmentEvent;
import dev.postmaster.work.boundary.ProjectMembersAdded;
import dev.postmaster.work.boundary.TaskAssigned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many notifications one ordinary user may cause per minute ({@code POSTMASTER_NOTIFICATIONS_PER_MINUTE},
 * default {@value #DEFAULT_PER_MINUTE}; 0 turns the limit off). A change that would go past it is refused before
 * it is committed, with a message that says so (the API answers 429), so nothing is half done and the person can
 * try again. Administrators are not limited: integrations and benchmarks run as administrators.
 *
 * <p>It observes the work events synchronously, inside the transaction that makes the change (the
 * {@link Notifier} acts on the same events only after the commit), and counts the decisions made in the last
 * minute about changes by the same user, plus the people this change would tell.
 */
@ApplicationScoped
public class NotificationBudget {

    public static final int DEFAULT_PER_MINUTE = 60;
    static final Duration WINDOW = Duration.ofMinutes(1);

    @PersistenceContext
    EntityManager em;

    @Inject
    UserAccounts accounts;

    @Inject
    @ConfigProperty(name = "postmaster.notifications.per.minute", defaultValue = "" + DEFAULT_PER_MINUTE)
    int perMinute;

    private final Clock clock = Clock.systemUTC();

    void taskAssigned(@Observes TaskAssigned event) {
        spend(event.actor(), Stream.of(event.assignee(), event.previousAssignee()));
    }

    void membersAdded(@Observes ProjectMembersAdded event) {
        spend(event.actor(), event.members().stream());
    }

    void appointment(@Observes AppointmentEvent event) {
        spend(event.actor(), event.recipients().stream());
    }

    private void spend(String actor, Stream<String> recipients) {
        long told = recipients.filter(Objects::nonNull).filter(r -> !r.equals(actor)).distinct().count();
        if (perMinute <= 0 || told == 0 || actor == null) {
            return;
        }
        long recent = em.createQuery("select count(d) from NotificationDecision d where d.actor = :actor"
                        + " and d.at > :since", Long.class)
                .setParameter("actor", actor).setParameter("since", clock.instant().minus(WINDOW))
                .getSingleResult();
        if (recent + told > perMinute && !isAdministrator(actor)) {
            throw new RateLimited("You have caused " + recent + " notifications in the last minute; one person may"
                    + " cause at most " + perMinute + " a minute. Nothing was changed: try again in a minute.",
                    WINDOW);
        }
    }

    private boolean isAdministrator(String actor) {
        return accounts.roleOf(actor).filter(Role.ADMIN::equals).isPresent();
    }
}
