package dev.postmaster.inbound.control;

import dev.postmaster.infrastructure.OfflineMail;
import dev.postmaster.contacts.entity.Contact;
import dev.postmaster.contacts.entity.ContactEmail;
import dev.postmaster.infrastructure.ClusterNode;
import dev.postmaster.inbound.entity.InboundMailbox;
import dev.postmaster.inbound.entity.InboundMailbox.Backlog;
import dev.postmaster.inbound.entity.InboundMessage;
import dev.postmaster.inbound.entity.InboundOutcome;
import dev.postmaster.notification.boundary.ReplyTokens;
import dev.postmaster.notification.boundary.ReplyTokens.Token;
import dev.postmaster.outbox.boundary.Outbox;
import dev.postmaster.security.boundary.UserAccounts;
import dev.postmaster.security.entity.UserAccount;
import dev.postmaster.work.boundary.Comments;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Takes messages in, one transaction each: what a message is (a reply, a bounce, an auto-reply, too large, broken)
 * is decided and its effects (a comment, a bounce mark) are stored in the same transaction as the message itself,
 * so a message is either wholly taken in or not at all, and the poller marks it seen only after this commits.
 * Each transaction first confirms the poller's lease ({@code fence}): mail polled by a node that lost the lease is
 * not stored.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class InboundStore {

    /** A message as the poller fetched it. {@code mime} is {@code null} when it is over the size limit. */
    public record Fetched(String mailbox, long uidValidity, long uid, String key, Instant receivedAt, long size,
            String headers, byte[] mime, long maxSize) {
    }

    private static final int MAX_KEY = 500;

    @PersistenceContext
    EntityManager em;

    @Inject
    ReplyTokens replyTokens;

    @Inject
    UserAccounts accounts;

    @Inject
    Comments comments;

    @Inject
    Outbox outbox;

    @Inject
    PollerLeases leases;

    /**
     * The state of {@code mailbox}, made at its first connect: unread mail that reached it more than
     * {@code backlogAge} before now is held back.
     */
    public InboundMailbox mailbox(String mailbox, long uidValidity, Duration backlogAge) {
        InboundMailbox state = em.find(InboundMailbox.class, mailbox);
        Instant now = Instant.now();
        if (state == null) {
            state = new InboundMailbox(mailbox, now, now.minus(backlogAge));
            em.persist(state);
        }
        state.sawUidValidity(uidValidity);
        return state;
    }

    /** What an administrator decided about the mail held back at the first connect of {@code mailbox}. */
    public void decideBacklog(String mailbox, Backlog decision) {
        Optional.ofNullable(em.find(InboundMailbox.class, mailbox)).ifPresent(state -> state.decide(decision));
    }

    /** Which of {@code uids} and of {@code keys} are taken in already: such messages are only marked seen. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Known known(String mailbox, long uidValidity, Collection<Long> uids, Collection<String> keys) {
        Set<Long> knownUids = uids.isEmpty() ? Set.of() : new HashSet<>(em.createNamedQuery(InboundMessage.KNOWN_UIDS,
                Long.class).setParameter("mailbox", mailbox).setParameter("uidValidity", uidValidity)
                .setParameter("uids", uids).getResultList());
        Set<String> knownKeys = keys.isEmpty() ? Set.of() : new HashSet<>(em.createNamedQuery(
                InboundMessage.KNOWN_KEYS, String.class).setParameter("keys", keys).getResultList());
        return new Known(knownUids, knownKeys);
    }

    /** Messages already taken in, by UID (in the mailbox's current UIDVALIDITY) and by key. */
    public record Known(Set<Long> uids, Set<String> keys) {

        public boolean contains(long uid, String key) {
            return uids.contains(uid) || keys.contains(key);
        }
    }

    /** The key of a message: its Message-ID, or a digest of its headers when it has none (or a huge one). */
    public static String keyOf(String messageId, String headers) {
        String id = messageId == null ? "" : messageId.strip();
        if (!id.isEmpty() && id.length() <= MAX_KEY) {
            return id;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((id.isEmpty() ? headers : id)
                    .getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /**
     * Takes one message in and decides what it is. The row goes in last, in the same transaction as what the
     * message caused (a comment, a bounce mark): when its unique keys refuse it as a second copy, all of that is
     * rolled back with it.
     */
    public InboundOutcome take(Fetched fetched, long fence) {
        leases.confirm(fence, ClusterNode.INCARNATION);
        InboundOutcome outcome = describeAndDecide(fetched);
        em.flush();
        return outcome;
    }

    /**
     * Takes a group of messages in with one commit: what a window of mail costs is then one transaction, not one
     * per message. All or nothing: when one of them cannot be stored (a second copy, a broken row), the whole
     * group rolls back, and the caller takes them in one by one, so that only that one stays unread.
     */
    public List<InboundOutcome> takeAll(List<Fetched> group, long fence) {
        leases.confirm(fence, ClusterNode.INCARNATION);
        List<InboundOutcome> outcomes = new ArrayList<>(group.size());
        for (Fetched fetched : group) {
            outcomes.add(describeAndDecide(fetched));
        }
        em.flush();
        return outcomes;
    }

    private InboundOutcome describeAndDecide(Fetched fetched) {
        InboundMessage row = new InboundMessage(fetched.mailbox(), fetched.uidValidity(), fetched.uid(),
                fetched.key(), Instant.now());
        InternetHeaders headers = headers(fetched.headers());
        row.describe(fetched.receivedAt(), date(headers.getHeader("Date", null)),
                decoded(headers.getHeader("From", ", ")), decoded(headers.getHeader("To", ", ")),
                decoded(headers.getHeader("Subject", null)), fetched.size(), fetched.headers());
        if (fetched.mime() == null) {
            row.decided(InboundOutcome.TOO_LARGE, "Larger than " + megabytes(fetched.maxSize())
                    + " (" + megabytes(fetched.size()) + "): only the headers were kept");
        } else {
            read(row, fetched.mime());
        }
        em.persist(row);
        return row.getOutcome();
    }

    private void read(InboundMessage row, byte[] mime) {
        MimeMessage message;
        MessageText.Text text;
        try {
            message = new MimeMessage(OfflineMail.SESSION, new ByteArrayInputStream(mime));
            text = MessageText.of(message);
        } catch (MessagingException | RuntimeException e) {
            row.keep(mime, null);
            row.decided(InboundOutcome.UNREADABLE, "The message could not be parsed: " + e.getMessage());
            return;
        }
        row.keep(mime, text.body());
        decide(row, message, text);
    }

    private void decide(InboundMessage row, MimeMessage message, MessageText.Text text) {
        try {
            Optional<DeliveryReports.Report> report = DeliveryReports.read(message);
            if (report.isPresent()) {
                bounce(row, report.get());
                return;
            }
            Optional<String> automatic = AutomaticMail.why(message);
            if (automatic.isPresent()) {
                row.decided(InboundOutcome.AUTO_REPLY_IGNORED, "Sent automatically (" + automatic.get()
                        + "): logged, never answered");
                return;
            }
            if (!text.problems().isEmpty()) {
                row.decided(InboundOutcome.UNREADABLE, String.join("; ", text.problems()));
                return;
            }
            reply(row, message, text.body());
        } catch (MessagingException | IOException e) {
            row.decided(InboundOutcome.UNREADABLE, "The message could not be read: " + e.getMessage());
        }
    }

    private void bounce(InboundMessage row, DeliveryReports.Report report) {
        if (report.originalMessageId().isEmpty()) {
            row.decided(InboundOutcome.BOUNCE, "A delivery report that does not say which mail it is about");
            return;
        }
        String original = report.originalMessageId().get();
        List<String> said = report.recipients().stream()
                .filter(r -> r.address() != null && !"delivered".equals(r.action()) && !"relayed".equals(r.action())
                        && !"expanded".equals(r.action()))
                .map(r -> {
                    Optional<Long> ours = outbox.recordBounce(original, r.address(), r.hard(), r.describe());
                    ours.ifPresent(row::reportsOn);
                    return r.address() + ": " + r.describe() + (ours.isPresent() ? "" : " (not a mail of ours)");
                }).toList();
        row.decided(InboundOutcome.BOUNCE, (said.isEmpty() ? "A delivery report with no failed recipient"
                : String.join("; ", said)) + ", about " + original);
    }

    private void reply(InboundMessage row, MimeMessage message, String body) throws MessagingException {
        Optional<Token> token = replyTokens.find(first(message, "In-Reply-To"), first(message, "References"));
        if (token.isEmpty()) {
            row.decided(InboundOutcome.UNMATCHED, "No valid reply token: not an answer to a notification, or the"
                    + " token was changed");
            return;
        }
        Token t = token.get();
        Optional<UserAccount> person = accounts.find(t.userId());
        String from = fromAddress(message);
        if (person.isEmpty()) {
            row.decided(InboundOutcome.UNMATCHED, "The person the notification went to no longer exists");
            return;
        }
        if (from == null || !addressesOf(person.get()).contains(from.toLowerCase(java.util.Locale.ROOT))) {
            row.decided(InboundOutcome.UNMATCHED, "From " + (from == null ? "nobody" : from) + ", who is not "
                    + person.get().getUsername() + ", the person the notification went to: nothing attached");
            return;
        }
        if (!person.get().isEnabled()) {
            row.decided(InboundOutcome.UNMATCHED, person.get().getUsername() + " is deactivated: nothing attached");
            return;
        }
        Optional<String> title = comments.titleOf(t.kind(), t.recordId());
        if (title.isEmpty()) {
            row.decided(InboundOutcome.UNMATCHED, "The " + t.kind().key() + " " + t.recordId()
                    + " no longer exists");
            return;
        }
        String said = QuotedText.strip(body);
        if (said.isBlank()) {
            row.decided(InboundOutcome.UNMATCHED, "The reply says nothing but what it quotes");
            return;
        }
        comments.add(t.kind(), t.recordId(), person.get().getUsername(), said, "mail");
        row.threaded(t.kind(), t.recordId(), person.get().getUsername());
        row.decided(InboundOutcome.REPLY_THREADED, "A comment by " + person.get().getUsername() + " on the "
                + t.kind().key() + " " + t.recordId() + " \"" + title.get() + "\"");
    }

    private static Set<String> addressesOf(UserAccount account) {
        return account.contact().map(Contact::getEmails).orElse(List.of()).stream()
                .map(ContactEmail::getAddress).map(a -> a.toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.toSet());
    }

    private static String fromAddress(MimeMessage message) throws MessagingException {
        Address[] from = message.getFrom();
        return from != null && from.length > 0 && from[0] instanceof InternetAddress address ? address.getAddress()
                : null;
    }

    private static String first(MimeMessage message, String header) throws MessagingException {
        String[] values = message.getHeader(header);
        return values == null || values.length == 0 ? null : String.join(" ", Arrays.asList(values));
    }

    private static InternetHeaders headers(String block) {
        try {
            return new InternetHeaders(new ByteArrayInputStream(block.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (MessagingException e) {
            return new InternetHeaders();
        }
    }

    private static Instant date(String header) {
        if (header == null) {
            return null;
        }
        try {
            return new MailDateFormat().parse(header.strip()).toInstant();
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    private static String decoded(String header) {
        if (header == null) {
            return null;
        }
        try {
            return jakarta.mail.internet.MimeUtility.decodeText(header.replaceAll("\\s*\\r?\\n\\s*", " "));
        } catch (java.io.UnsupportedEncodingException e) {
            return header;
        }
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
