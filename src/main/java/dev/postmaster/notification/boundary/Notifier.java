package dev.postmaster.notification.boundary;

import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.mailruntime.boundary.MailRuntime;
import dev.postmaster.notification.control.NotificationMail;
import dev.postmaster.notification.control.NotificationMail.Content;
import dev.postmaster.notification.control.Templates;
import dev.postmaster.notification.entity.NotificationDecision;
import dev.postmaster.notification.entity.NotificationDecision.Outcome;
import dev.postmaster.notification.entity.NotificationType;
import dev.postmaster.work.entity.RecordKind;
import dev.postmaster.outbox.boundary.MailBounced;
import dev.postmaster.outbox.boundary.Outbox;
import dev.postmaster.outbox.entity.AddressBounce;
import dev.postmaster.security.boundary.UserAccounts;
import dev.postmaster.security.entity.UserAccount;
import dev.postmaster.settings.boundary.SecretUnreadableException;
import dev.postmaster.settings.boundary.SenderPolicy;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.work.boundary.AppointmentEvent;
import dev.postmaster.work.boundary.CommentAdded;
import dev.postmaster.work.boundary.ProjectMembersAdded;
import dev.postmaster.work.boundary.TaskAssigned;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Turns committed work events into notifications. For each affected user it decides, and records why: the
 * acting user is not mailed about their own action, a user who turned the type off, has no default address or
 * has one that waits for confirmation gets nothing, and without a sender address nothing can be sent. Only a
 * verified address is ever the acting user's From address (see {@link AddressConfirmations}): an address that a
 * user merely typed in would otherwise let them send as anyone. Each decision and the outbox row it queues
 * are written in one transaction, after the work's own transaction has committed: a rolled-back change sends
 * nothing.
 */
@Stateless
public class Notifier {

    @PersistenceContext
    EntityManager em;

    @Inject
    UserAccounts accounts;

    @Inject
    Preferences preferences;

    @Inject
    SenderPolicy senderPolicy;

    @Inject
    MailRuntime runtime;

    @Inject
    Outbox outbox;

    @Inject
    ReplyTokens replyTokens;

    @Inject
    Logger log;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void onTaskAssigned(@Observes(during = TransactionPhase.AFTER_SUCCESS) TaskAssigned event) {
        MailSettings settings = runtime.current().settings();
        Recipients people = Recipients.of(this, event.actor(), java.util.Arrays.asList(event.assignee(),
                event.previousAssignee()), NotificationType.TASK_ASSIGNED, NotificationType.TASK_REASSIGNED_AWAY);
        SenderPolicy.Actor actor = people.actor(event.actor());
        String actorName = displayName(actor, event.actor());
        if (event.assignee() != null) {
            decide(NotificationType.TASK_ASSIGNED, RecordKind.TASK, event.taskId(), event.title(),
                    people, event.assignee(), event.actor(), actor, settings,
                    app -> Templates.taskAssigned(app, settings.getApplicationUrl(), actorName, event.taskId(),
                            event.title(), event.dueDate()));
        }
        if (event.previousAssignee() != null) {
            decide(NotificationType.TASK_REASSIGNED_AWAY, RecordKind.TASK, event.taskId(), event.title(),
                    people, event.previousAssignee(), event.actor(), actor, settings,
                    app -> Templates.taskReassignedAway(app, settings.getApplicationUrl(), actorName,
                            event.taskId(), event.title(), event.assignee()));
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void onProjectMembersAdded(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProjectMembersAdded event) {
        writeAtCommit();
        MailSettings settings = runtime.current().settings();
        Recipients recipients = Recipients.of(this, event.actor(), event.members(),
                NotificationType.PROJECT_MEMBER_ADDED);
        SenderPolicy.Actor actor = recipients.actor(event.actor());
        String actorName = displayName(actor, event.actor());
        for (String member : event.members()) {
            decide(NotificationType.PROJECT_MEMBER_ADDED, RecordKind.PROJECT, event.projectId(), event.projectName(),
                    recipients, member, event.actor(), actor, settings, app -> Templates.projectMemberAdded(app,
                            settings.getApplicationUrl(), actorName, event.projectId(), event.projectName()));
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void onAppointment(@Observes(during = TransactionPhase.AFTER_SUCCESS) AppointmentEvent event) {
        writeAtCommit();
        MailSettings settings = runtime.current().settings();
        NotificationType type = switch (event.kind()) {
            case ATTENDEE_ADDED -> NotificationType.APPOINTMENT_ATTENDEE_ADDED;
            case CHANGED -> NotificationType.APPOINTMENT_CHANGED;
            case CANCELLED -> NotificationType.APPOINTMENT_CANCELLED;
        };
        Recipients recipients = Recipients.of(this, event.actor(), event.recipients(), type);
        SenderPolicy.Actor actor = recipients.actor(event.actor());
        String actorName = displayName(actor, event.actor());
        for (String attendee : event.recipients()) {
            decide(type, RecordKind.APPOINTMENT, event.appointmentId(), event.title(), recipients, attendee,
                    event.actor(), actor,
                    settings, app -> Templates.appointment(app, settings.getApplicationUrl(), actorName,
                            event.appointmentId(), event.kind(), event.title(), event.start(), event.end(),
                            event.location()));
        }
    }

    /** A reply by mail became a comment: the record's other people hear of it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void onCommentAdded(@Observes(during = TransactionPhase.AFTER_SUCCESS) CommentAdded event) {
        writeAtCommit();
        MailSettings settings = runtime.current().settings();
        Recipients recipients = Recipients.of(this, event.author(), event.recipients(),
                NotificationType.REPLY_RECEIVED);
        SenderPolicy.Actor author = recipients.actor(event.author());
        String authorName = displayName(author, event.author());
        for (String recipient : event.recipients()) {
            decide(NotificationType.REPLY_RECEIVED, event.kind(), event.recordId(), event.title(), recipients,
                    recipient,
                    event.author(), author, settings, app -> Templates.replyReceived(app,
                            settings.getApplicationUrl(), authorName, event.kind(), event.recordId(), event.title(),
                            event.excerpt()));
        }
    }

    /** A notification bounced: its decision says so, where "why didn't X get this mail?" is looked up. */
    public void onBounce(@Observes MailBounced bounce) {
        em.createNamedQuery(NotificationDecision.FOR_OUTBOX_MESSAGE, NotificationDecision.class)
                .setParameter("outboxId", bounce.outboxId()).getResultList()
                .forEach(decision -> decision.bounced((bounce.hard() ? "bounced: " : "delivery delayed: ")
                        + bounce.detail() + (bounce.nowBouncing() ? "; the address is now marked as bouncing"
                        : "")));
    }

    /**
     * The look-ups for each recipient (account, preferences, bounces) never need to see the decisions and mails
     * queued before them in this transaction. Left to flush before every query, a change that tells 1,000 people
     * wrote each row on its own and compared the whole growing persistence context 4,000 times (10 s for 1,000
     * members); flushed at commit, the rows go out as JDBC batches.
     */
    private void writeAtCommit() {
        em.setFlushMode(FlushModeType.COMMIT);
    }

    private void decide(NotificationType type, RecordKind recordKind, long recordId, String title,
            Recipients recipients, String recipient, String actorUsername, SenderPolicy.Actor actor,
            MailSettings settings, Function<String, Content> content) {
        Optional<UserAccount> account = recipients.account(recipient);
        Optional<String> address = account.flatMap(UserAccount::contact).flatMap(Contact::defaultEmail);
        Decision decision;
        if (recipient.equals(actorUsername)) {
            decision = Decision.of(Outcome.SUPPRESSED, NotificationDecision.OWN_ACTION);
        } else if (account.isEmpty() || !account.get().isEnabled()
                || !account.get().contact().map(Contact::isActive).orElse(true)) {
            decision = Decision.of(Outcome.SKIPPED, NotificationDecision.RECIPIENT_DEACTIVATED);
        } else if (!recipients.want(recipient, type)) {
            decision = Decision.of(Outcome.SKIPPED, NotificationDecision.PREFERENCE_OFF);
        } else if (address.isEmpty()) {
            decision = Decision.of(Outcome.SKIPPED, NotificationDecision.NO_RECIPIENT_ADDRESS);
        } else if (account.get().contact().map(Contact::isDefaultEmailUnverified).orElse(false)) {
            decision = Decision.of(Outcome.SKIPPED, NotificationDecision.ADDRESS_NOT_VERIFIED);
        } else if (recipients.bouncing(address.get())) {
            decision = Decision.of(Outcome.SKIPPED, NotificationDecision.ADDRESS_BOUNCES);
        } else {
            decision = queue(settings, actor, recipientAddress(account.get(), address.get()), recordKind, recordId,
                    replyToken(recordKind, recordId, account.get()), content, type);
        }
        em.persist(new NotificationDecision(Instant.now(), type, recordKind, recordId, title, recipient,
                address.orElse(null), actorUsername, decision.outcome(), decision.reason(), decision.outboxId()));
    }

    /**
     * The signed reply token for this recipient; without a readable secret key, an unsigned Message-ID (replies
     * to it are then not threaded, but the notification still goes out).
     */
    private String replyToken(RecordKind kind, long recordId, UserAccount recipient) {
        try {
            return replyTokens.issue(kind, recordId, recipient.getId());
        } catch (SecretUnreadableException e) {
            log.warning(() -> "Notifications carry no reply token, so replies are not threaded: " + e.getMessage());
            return kind.key() + "-" + recordId + "." + UUID.randomUUID();
        }
    }

    private Decision queue(MailSettings settings, SenderPolicy.Actor actor, InternetAddress to,
            RecordKind recordKind, long recordId, String token, Function<String, Content> content,
            NotificationType type) {
        if (settings == null) {
            return Decision.of(Outcome.SKIPPED, NotificationDecision.NO_SENDER_ADDRESS);
        }
        SenderPolicy.Sender sender = senderPolicy.forActor(settings, actor);
        if (!sender.canSend()) {
            return Decision.of(Outcome.SKIPPED, NotificationDecision.NO_SENDER_ADDRESS);
        }
        try {
            long id = outbox.enqueue(NotificationMail.write(sender.address().get(), sender.replyAddress().get(), to,
                    recordKind, recordId, token, content.apply(settings.getApplicationName())), type.name());
            return new Decision(Outcome.QUEUED, null, id);
        } catch (MessagingException e) {
            throw new IllegalStateException("The notification could not be written: " + e.getMessage(), e);
        }
    }

    private static InternetAddress recipientAddress(UserAccount account, String address) {
        String name = account.contact().map(Contact::getFullName).orElse("");
        try {
            InternetAddress to = new InternetAddress(address, true);
            if (!name.isEmpty()) {
                to.setPersonal(name.replaceAll("\\p{Cntrl}", " "), "UTF-8");
            }
            return to;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("A stored address is not valid: " + e.getMessage(), e);
        }
    }

    private static String displayName(SenderPolicy.Actor actor, String username) {
        return actor.name() == null ? username : actor.name();
    }

    /**
     * What the decisions need to know of a change's people, read once for all of them: the accounts of the
     * recipients and of the actor with their contacts and addresses, who wants which of the change's types, and
     * which of the addresses bounce. Five queries for 1,000 people instead of five per person (and, for one
     * person, no second look-up of the actor).
     */
    private record Recipients(Map<String, UserAccount> accounts, Map<NotificationType, Set<String>> wanting,
            Set<String> bouncingKeys) {

        static Recipients of(Notifier notifier, String actor, Collection<String> usernames,
                NotificationType... types) {
            List<String> recipients = usernames.stream().filter(java.util.Objects::nonNull).toList();
            List<String> people = new java.util.ArrayList<>(recipients);
            if (actor != null) {
                people.add(actor);
            }
            Map<String, UserAccount> accounts = notifier.accounts.findAll(people);
            List<String> addresses = accounts.values().stream().map(UserAccount::contact).flatMap(Optional::stream)
                    .map(Contact::defaultEmail).flatMap(Optional::stream).toList();
            Map<NotificationType, Set<String>> wanting = new java.util.EnumMap<>(NotificationType.class);
            for (NotificationType type : types) {
                wanting.put(type, notifier.preferences.wanting(recipients, type));
            }
            return new Recipients(accounts, wanting, notifier.outbox.bouncingAmong(addresses));
        }

        Optional<UserAccount> account(String username) {
            return Optional.ofNullable(accounts.get(username.strip()));
        }

        /** The acting user as a sender: their default address only once it is verified, so it cannot be forged. */
        SenderPolicy.Actor actor(String username) {
            Optional<Contact> contact = username == null ? Optional.empty()
                    : account(username).flatMap(UserAccount::contact);
            return new SenderPolicy.Actor(contact.map(Contact::getFullName).orElse(null),
                    contact.flatMap(Contact::verifiedDefaultEmail).orElse(null));
        }

        boolean want(String username, NotificationType type) {
            return wanting.getOrDefault(type, Set.of()).contains(username);
        }

        boolean bouncing(String address) {
            return bouncingKeys.contains(AddressBounce.key(address));
        }
    }

    private record Decision(Outcome outcome, String reason, Long outboxId) {
        static Decision of(Outcome outcome, String reason) {
            return new Decision(outcome, reason, null);
        }
    }
}
