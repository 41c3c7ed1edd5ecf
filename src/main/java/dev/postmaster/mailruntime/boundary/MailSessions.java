package dev.postmaster.mailruntime.boundary;

import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.Protocol;
import jakarta.mail.Session;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the boot path built: the active settings, the sessions made from them, when, and any problem that kept a
 * session from being built. Immutable, so a caller holding one keeps a consistent pair of sessions even while
 * the settings are applied again.
 *
 * @param settings the active settings, or {@code null} when there are none
 * @param smtp the outgoing session, or {@code null}
 * @param imap the incoming session, or {@code null}
 * @param appliedAt when the boot path built these
 * @param problems plain-words reasons a session is missing
 */
public record MailSessions(MailSettings settings, Session smtp, Session imap, Instant appliedAt,
        List<String> problems) {

    public static MailSessions none(Instant at, List<String> problems) {
        return new MailSessions(null, null, null, at, List.copyOf(problems));
    }

    /** The session of the server speaking {@code protocol}, or {@code null}. */
    public Session session(Protocol protocol) {
        return protocol == Protocol.SMTP ? smtp : imap;
    }

    /** The same, with the {@code protocol} server's mail turned off for {@code reason}. */
    public MailSessions without(Protocol protocol, String reason) {
        List<String> more = new ArrayList<>(problems);
        more.add(reason);
        return new MailSessions(settings, protocol == Protocol.SMTP ? null : smtp,
                protocol == Protocol.IMAP ? null : imap, appliedAt, List.copyOf(more));
    }

    /** The problems that concern the {@code protocol} server ("Outgoing mail is off: ..."). */
    public List<String> problemsOf(Protocol protocol) {
        return problems.stream().filter(problem -> problem.startsWith(protocol.mailName())).toList();
    }
}
