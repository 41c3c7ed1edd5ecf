package dev.postmaster.outbox.boundary;

import dev.postmaster.outbox.control.OutboxStore;
import dev.postmaster.outbox.entity.OutboxMessage;
import dev.postmaster.outbox.entity.OutboxStatus;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where every outgoing mail goes: {@link #enqueue} stores the finished message in the caller's transaction, so
 * the mail exists exactly when what caused it was committed. Sending is the drainer's job.
 */
@Stateless
public class Outbox {

    @jakarta.persistence.PersistenceContext
    jakarta.persistence.EntityManager em;

    @Inject
    Event<OutboxQueued> queued;

    @Inject
    OutboxStore store;

    @Inject
    OutboxDrainer drainer;

    // --- for the administrator: what is waiting, what failed, and sending again

    public Map<OutboxStatus, Long> counts() {
        return store.countsByStatus();
    }

    /** How long the oldest mail still waiting has been waiting, if any is. */
    public Optional<Duration> oldestWaitingAge() {
        return store.oldestWaiting().map(created -> Duration.between(created, Instant.now()));
    }

    public List<OutboxMessage> withStatus(OutboxStatus status, int first, int max) {
        return store.withStatus(status, first, max);
    }

    public Optional<OutboxMessage> find(long id) {
        return store.byId(id);
    }

    /** Sends a message again (now), whatever became of it before. */
    public boolean resend(long id) {
        boolean queuedAgain = store.resend(id, Instant.now());
        if (queuedAgain) {
            drainer.kick();
        }
        return queuedAgain;
    }

    public int resendAllFailed() {
        int count = store.resendAllFailed(Instant.now());
        drainer.kick();
        return count;
    }

    public boolean discard(long id) {
        return store.discard(id);
    }

    /**
     * Stores {@code message} for sending. Its Message-ID is fixed now, so every attempt and every resend sends the
     * same message.
     *
     * @param kind what the mail is, e.g. a notification type, "system" or "error-log"
     * @return the outbox row's id
     */
    public long enqueue(MimeMessage message, String kind) {
        try {
            message.saveChanges();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            message.writeTo(bytes);
            Address[] to = message.getAllRecipients();
            if (to == null || to.length == 0) {
                throw new IllegalArgumentException("A mail without recipients cannot be queued");
            }
            String recipients = Arrays.stream(to).map(Address::toString).collect(Collectors.joining(", "));
            OutboxMessage row = new OutboxMessage(kind, message.getMessageID(), recipients, message.getSubject(),
                    bytes.toByteArray(), Instant.now());
            em.persist(row);
            em.flush();
            queued.fire(new OutboxQueued(row.getId()));
            return row.getId();
        } catch (MessagingException e) {
            throw new IllegalArgumentException("The mail could not be written: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
