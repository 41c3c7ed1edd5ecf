package dev.postmaster.outbox.boundary;

import dev.postmaster.outbox.control.OutboxStore;
import dev.postmaster.outbox.control.QueuedInTransaction;
import dev.postmaster.outbox.entity.AddressBounce;
import dev.postmaster.outbox.entity.OutboxHold;
import dev.postmaster.outbox.entity.OutboxMessage;
import dev.postmaster.outbox.entity.OutboxStatus;
import dev.postmaster.settings.boundary.SenderPolicy;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where every outgoing mail goes: {@link #enqueue} stores the finished message in the caller's transaction, so
 * the mail exists exactly when what caused it was committed. Sending is the drainer's job.
 */
@Stateless
public class Outbox {

    private static final int IN_LIST = 1000;

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<OutboxQueued> queued;

    @Inject
    Event<MailBounced> bounced;

    @Inject
    OutboxStore store;

    @Inject
    OutboxDrainer drainer;

    @Inject
    QueuedInTransaction queuedInTransaction;

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

    // --- holding: sending stops, queuing goes on

    /** Holds sending: mail queued meanwhile waits, a batch being sent finishes. */
    public OutboxHold hold(String administrator) {
        return setHeld(true, administrator);
    }

    /** Releases sending; what waited goes out at once. */
    public OutboxHold release(String administrator) {
        OutboxHold hold = setHeld(false, administrator);
        queued.fire(new OutboxQueued(0)); // the drainer looks once this release is committed
        return hold;
    }

    /** Whether sending is held, by whom and since when ({@code held} false when it never was). */
    public OutboxHold holdState() {
        OutboxHold hold = em.find(OutboxHold.class, OutboxHold.ID);
        return hold != null ? hold : new OutboxHold(false, null, null);
    }

    private OutboxHold setHeld(boolean held, String administrator) {
        OutboxHold hold = em.find(OutboxHold.class, OutboxHold.ID);
        if (hold == null) {
            hold = new OutboxHold(held, administrator, Instant.now());
            em.persist(hold);
        } else if (hold.isHeld() != held) {
            hold.set(held, administrator, Instant.now());
        }
        return hold;
    }

    // --- bounces: what came back from the receiving side

    /**
     * Notes that the mail with {@code messageId} did not reach {@code recipient}, on the mail and on the address;
     * enough hard bounces mark the address as bouncing. A report about mail that is not ours changes nothing: our
     * Message-IDs carry a signed reply token, so a made-up report cannot mark an address.
     *
     * @return the outbox mail the report is about, if it is one of ours
     */
    public Optional<Long> recordBounce(String messageId, String recipient, boolean hard, String detail) {
        Instant now = Instant.now();
        Optional<OutboxMessage> message = em.createNamedQuery(OutboxMessage.BY_MESSAGE_ID, OutboxMessage.class)
                .setParameter("messageId", messageId).setMaxResults(1).getResultStream().findFirst();
        if (message.isEmpty()) {
            // Not a mail of ours: a report about someone else's mail never marks an address.
            return Optional.empty();
        }
        message.get().bounced(now, recipient, detail);
        AddressBounce address = Optional.ofNullable(em.find(AddressBounce.class, AddressBounce.key(recipient)))
                .orElseGet(() -> {
                    AddressBounce fresh = new AddressBounce(recipient);
                    em.persist(fresh);
                    return fresh;
                });
        boolean wasBouncing = address.isBouncing();
        address.record(hard, now, detail);
        bounced.fire(new MailBounced(message.get().getId(), recipient, hard, detail,
                address.isBouncing() && !wasBouncing));
        return message.map(OutboxMessage::getId);
    }

    /** Whether mail to {@code address} bounced so often that it is no longer sent. */
    public boolean isBouncing(String address) {
        return bounceOf(address).map(AddressBounce::isBouncing).orElse(false);
    }

    /** Which of {@code addresses} bounce so often that mail to them is no longer sent, in one query. */
    public Set<String> bouncingAmong(Collection<String> addresses) {
        List<String> keys = addresses.stream().filter(Objects::nonNull).map(AddressBounce::key).distinct().toList();
        Set<String> bouncing = new HashSet<>();
        for (int from = 0; from < keys.size(); from += IN_LIST) {
            bouncing.addAll(em.createNamedQuery(AddressBounce.BOUNCING_AMONG, String.class)
                    .setParameter("addresses", keys.subList(from, Math.min(keys.size(), from + IN_LIST)))
                    .getResultList());
        }
        return bouncing;
    }

    /** What the reports said of {@code address}, if any came back. */
    public Optional<AddressBounce> bounceOf(String address) {
        return address == null ? Optional.empty()
                : Optional.ofNullable(em.find(AddressBounce.class, AddressBounce.key(address)));
    }

    /** The addresses marked as bouncing, in order. */
    public List<AddressBounce> bouncing() {
        return em.createNamedQuery(AddressBounce.BOUNCING, AddressBounce.class).getResultList();
    }

    /** An administrator says the address works again. */
    public void clearBounce(String address) {
        bounceOf(address).ifPresent(AddressBounce::clear);
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
            SenderPolicy.markAutomatic(message);
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
            em.persist(row); // the id is taken from a block at once; the row is written with the others at commit
            if (queuedInTransaction.first()) {
                queued.fire(new OutboxQueued(row.getId())); // one nudge for the drainer per commit
            }
            return row.getId();
        } catch (MessagingException e) {
            throw new IllegalArgumentException("The mail could not be written: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
