package dev.postmaster.mailruntime.control;

import dev.postmaster.mailruntime.boundary.DiagnosticReport;
import dev.postmaster.mailruntime.boundary.DiagnosticReport.Step;
import dev.postmaster.mailruntime.boundary.FailureHints;
import dev.postmaster.mailruntime.boundary.FailureHints.Diagnosis;
import dev.postmaster.mailruntime.boundary.FailureHints.Stage;
import dev.postmaster.mailruntime.boundary.MailSignIn;
import dev.postmaster.settings.boundary.SecretBox;
import dev.postmaster.settings.boundary.SecretField;
import dev.postmaster.settings.boundary.SecretUnreadableException;
import dev.postmaster.settings.boundary.SenderPolicy;
import dev.postmaster.settings.entity.AuthMethod;
import dev.postmaster.settings.entity.MailServer;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.Protocol;
import dev.postmaster.settings.entity.TransportSecurity;
import dev.postmaster.validation.MailAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Email page's connection tests. Each builds a throwaway session from the settings it is given (the active
 * ones, or the pending ones before they are applied), so a test never changes what runs, and reports every
 * step with the server's own replies: resolve, connect, TLS (protocol, certificate subject and expiry),
 * EHLO/CAPABILITY, authentication, and for outgoing mail MAIL/RCPT/DATA. On failure it names the step and says
 * what to try. Every step is bounded by the settings' timeouts.
 */
@ApplicationScoped
public class MailDiagnostics {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    @Inject
    MailSessionFactory sessionFactory;

    @Inject
    SecretBox secretBox;

    @Inject
    SenderPolicy senderPolicy;

    /** Sends a short test mail to {@code recipient} through {@code settings} and reports each step. */
    public DiagnosticReport testOutgoing(MailSettings settings, String which, String recipient) {
        String subject = subject(Protocol.SMTP, settings, which);
        if (!settings.getOutgoing().isSet()) {
            return refused(subject, "Settings", "No outgoing mail server is set.",
                    "Enter the outgoing mail server (SMTP).");
        }
        if (recipient == null || !MailAddress.Validator.isAddress(recipient.strip())) {
            return refused(subject, "Recipient", "\"" + (recipient == null ? "" : recipient) + "\" is not one"
                    + " email address.", "Enter one email address such as you@example.com.");
        }
        SenderPolicy.Sender sender = senderPolicy.forSystemMail(settings);
        if (!sender.canSend()) {
            return refused(subject, "Sender", "No Reply-To Address is set.",
                    "Enter a Reply-To Address: system mail cannot be sent without one.");
        }
        return converse(Protocol.SMTP, settings, subject, session -> {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(sender.address().get());
            message.setReplyTo(new InternetAddress[] {sender.replyAddress().get()});
            SenderPolicy.markAutomatic(message);
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient.strip(), true));
            message.setSubject(settings.getApplicationName() + " test email", StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            message.setText("This is a test email from " + settings.getApplicationName() + ", sent at "
                    + Instant.now() + " through " + settings.getOutgoing().address(Protocol.SMTP) + " ("
                    + which.toLowerCase(Locale.ROOT) + ").\n", StandardCharsets.UTF_8.name());
            message.saveChanges();
            try (Transport transport = session.getTransport()) {
                MailSignIn.connect(transport, session);
                if (MailSignIn.tokens(session).isPresent()) {
                    // The sign-in's own trace is suppressed (it carries the token); its result is not.
                    session.getDebugOut().println("DEBUG SMTP: AUTH XOAUTH2 result: "
                            + MailSignIn.lastServerReply(transport));
                }
                transport.sendMessage(message, message.getAllRecipients());
            }
            return new Outcome(message.getMessageID(), null);
        });
    }

    /**
     * Signs in to the incoming account, opens INBOX read-only and counts unread mail. Read-only means no flag
     * on the server changes: a test must not mark anything read.
     */
    public DiagnosticReport testIncoming(MailSettings settings, String which) {
        String subject = subject(Protocol.IMAP, settings, which);
        if (!settings.getIncoming().isSet()) {
            return refused(subject, "Settings", "No incoming mail server is set.",
                    "Enter the incoming mail server.");
        }
        return converse(Protocol.IMAP, settings, subject, session -> {
            try (Store store = session.getStore()) {
                MailSignIn.connect(store, session);
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                try {
                    int total = inbox.getMessageCount();
                    int unread = inbox.getUnreadMessageCount();
                    return new Outcome(null, new Step("Unread messages", true, List.of(unread + " unread of "
                            + total + " in INBOX (opened read-only: nothing was marked read)")));
                } finally {
                    inbox.close(false);
                }
            }
        });
    }

    /** What a conversation with a server achieved: the accepted Message-ID, or a last step to report. */
    private record Outcome(String messageId, Step lastStep) {
    }

    /** The protocol-specific part of a test, run on a throwaway session that records the transcript. */
    @FunctionalInterface
    private interface Conversation {
        Outcome run(Session session) throws MessagingException;
    }

    private static String subject(Protocol protocol, MailSettings settings, String which) {
        MailServer server = settings.server(protocol);
        return which + ": " + protocol.direction() + " server " + (server.isSet()
                ? server.address(protocol) + " (" + server.getSecurity().label() + ")"
                : "(none)");
    }

    /**
     * The steps both protocols share: resolve the host, open a session whose debug output is the transcript,
     * run the conversation, split the transcript into steps, add what TLS negotiated, and name the step that
     * failed.
     */
    private DiagnosticReport converse(Protocol protocol, MailSettings settings, String subject,
            Conversation conversation) {
        MailServer server = settings.server(protocol);
        List<Step> steps = new ArrayList<>();
        if (!resolve(server.getHost(), steps)) {
            return report(subject, steps, protocol, server, new UnknownHostException(server.getHost()), null);
        }
        TlsObserver observer = new TlsObserver();
        Transcript transcript;
        Session session;
        Optional<AccessTokens> tokens;
        try {
            session = sessionFactory.session(protocol, settings, observer);
            tokens = MailSignIn.tokens(session);
            String secret = null;
            if (tokens.isPresent()) {
                secret = refreshStep(tokens.get(), settings, steps);
                if (secret == null) {
                    return new DiagnosticReport(subject, List.copyOf(steps), tokens.get().refusal().isPresent()
                            ? "Connect the account again (Connect on the Email page), then Apply now."
                            : "Check that this server can reach the provider's token endpoint, and try again.",
                            null);
                }
            } else if (server.getAuthMethod() == AuthMethod.PASSWORD) {
                secret = secretBox.open(SecretField.passwordOf(protocol), server.getPasswordSealed());
            }
            transcript = new Transcript(secret);
        } catch (SecretUnreadableException e) {
            return refused(subject, "Settings", e.getMessage(), server.isOauth2()
                    ? "Enter the client secret again, or Connect the account again, and save."
                    : "Enter the password again and save.");
        }
        session.setDebug(true);
        session.setDebugOut(transcript.stream());
        Outcome outcome = null;
        Exception failure = null;
        try {
            outcome = conversation.run(session);
        } catch (MessagingException e) {
            failure = e;
        }
        steps.addAll(group(transcript, protocol == Protocol.SMTP ? MailDiagnostics::smtpStep
                : MailDiagnostics::imapStep));
        insertTls(steps, observer, server.getSecurity());
        if (outcome != null && outcome.lastStep() != null) {
            steps.add(outcome.lastStep());
        }
        DiagnosticReport report = report(subject, steps, protocol, server, failure,
                outcome == null ? null : outcome.messageId());
        return tokens.isPresent() ? xoauth2(report, protocol) : report;
    }

    /**
     * The first step of an OAuth2 server's test: a fresh access token from the refresh token, as every
     * connection gets one. Its value is never shown.
     *
     * @return the access token, or {@code null} when there is none (the failed step says why)
     */
    private static String refreshStep(AccessTokens tokens, MailSettings settings, List<Step> steps) {
        String endpoint = "POST " + settings.server(tokens.protocol()).getOauth().effectiveTokenEndpoint();
        try {
            String token = tokens.accessToken();
            steps.add(new Step(TOKEN_REFRESH, true, List.of(endpoint,
                    tokens.lastRefresh().orElse("An access token is in hand"))));
            return token;
        } catch (MessagingException e) {
            steps.add(new Step(TOKEN_REFRESH, false, List.of(endpoint, "Error: " + e.getMessage())));
            return null;
        }
    }

    static final String TOKEN_REFRESH = "Token refresh";

    /** Names the sign-in step of an OAuth2 server after the mechanism it used. */
    private static DiagnosticReport xoauth2(DiagnosticReport report, Protocol protocol) {
        String plain = protocol == Protocol.SMTP ? "AUTH" : "Login";
        String named = protocol == Protocol.SMTP ? "AUTH XOAUTH2" : "Login (AUTHENTICATE XOAUTH2)";
        List<Step> steps = report.steps().stream()
                .map(step -> step.name().equals(plain) ? new Step(named, step.ok(), step.lines()) : step).toList();
        return new DiagnosticReport(report.subject(), steps, report.hint(), report.messageId());
    }

    private static boolean resolve(String host, List<Step> steps) {
        try {
            String addresses = Arrays.stream(InetAddress.getAllByName(host)).map(InetAddress::getHostAddress)
                    .distinct().collect(Collectors.joining(", "));
            steps.add(new Step("Resolve", true, List.of(host + " is " + addresses)));
            return true;
        } catch (UnknownHostException e) {
            steps.add(new Step("Resolve", false, List.of(host + " does not resolve")));
            return false;
        }
    }

    /** SMTP: which step a protocol line starts, or {@code null} to stay in the current one. */
    private static String smtpStep(String line) {
        String upper = line.toUpperCase(Locale.ROOT);
        if (upper.startsWith("STARTTLS")) {
            return "TLS";
        }
        if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
            return "EHLO";
        }
        if (upper.contains("ATTEMPT TO AUTHENTICATE") || upper.startsWith("AUTH ")) {
            return "AUTH";
        }
        if (upper.startsWith("MAIL FROM")) {
            return "MAIL/RCPT/DATA";
        }
        return null;
    }

    /** IMAP: tagged commands start steps. */
    private static String imapStep(String line) {
        String[] words = line.toUpperCase(Locale.ROOT).split("\\s+");
        String command = words.length > 1 && !"*".equals(words[0]) ? words[1] : "";
        String upper = line.toUpperCase(Locale.ROOT);
        if (upper.contains("LOGIN COMMAND") || upper.contains("AUTHENTICATE XOAUTH2 COMMAND")
                || command.equals("LOGIN") || command.equals("AUTHENTICATE")) {
            return "Login";
        }
        return switch (command) {
            case "CAPABILITY" -> "Capabilities";
            case "STARTTLS" -> "TLS";
            case "EXAMINE", "SELECT" -> "Open INBOX";
            case "STATUS", "SEARCH" -> "Count unread";
            default -> null;
        };
    }

    /**
     * Splits the transcript into steps. The message itself (between the 354 reply and the lone dot) is left
     * out, and of Jakarta Mail's own remarks only those about connecting and authenticating are kept.
     */
    private static List<Step> group(Transcript transcript, Function<String, String> stepOf) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        String current = "Connect";
        boolean inData = false;
        for (String line : transcript.lines()) {
            if (inData) {
                inData = !".".equals(line);
                continue;
            }
            if (line.startsWith("DEBUG")) {
                String remark = remark(line);
                if (remark == null) {
                    continue;
                }
                String next = stepOf.apply(line);
                if (next != null) {
                    current = nextName(groups, next);
                }
                groups.computeIfAbsent(current, k -> new ArrayList<>()).add(remark);
                continue;
            }
            if (line.toUpperCase(Locale.ROOT).startsWith("QUIT") || line.toUpperCase(Locale.ROOT).contains(" LOGOUT")) {
                break;
            }
            String next = stepOf.apply(line);
            if (next != null && !next.equals(current)) {
                current = nextName(groups, next);
            }
            groups.computeIfAbsent(current, k -> new ArrayList<>()).add(line);
            if (line.startsWith("354")) {
                inData = true;
                groups.get(current).add("(the message)");
            }
        }
        List<Step> steps = new ArrayList<>();
        groups.forEach((name, lines) -> steps.add(new Step(name, true, List.copyOf(lines))));
        return steps;
    }

    /**
     * A step that comes round again (EHLO after STARTTLS, CAPABILITY after login) is a step of its own, named
     * after the step it follows, so the steps stay in the order they happened.
     */
    private static String nextName(Map<String, List<String>> groups, String name) {
        if (!groups.containsKey(name)) {
            return name;
        }
        String previous = groups.keySet().stream().reduce((first, second) -> second).orElse("");
        return previous.startsWith(name) ? previous : name + " (after " + previous + ")";
    }

    private static String remark(String line) {
        String text = line.replaceFirst("^DEBUG( [A-Z]+)?: ", "");
        if (text.startsWith("connected to host") || text.startsWith("trying to connect")) {
            return text;
        }
        if (text.matches("(?i).*(AUTH|LOGIN).*(succeeded|failed|result).*")
                || text.startsWith("Attempt to authenticate")) {
            return text.replace("command trace suppressed", "").strip();
        }
        return null;
    }

    /** Adds what each TLS handshake negotiated; with implicit TLS it is a step of its own after Connect. */
    private static void insertTls(List<Step> steps, TlsObserver observer, TransportSecurity security) {
        if (security == TransportSecurity.NONE) {
            return;
        }
        List<String> facts = observer.handshakes().stream().map(h -> h.protocol() + ", " + h.cipherSuite()
                + "; certificate " + h.subject() + ", issued by " + h.issuer()
                + (h.notAfter() == null ? "" : ", valid until " + DAY.format(h.notAfter()))).toList();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).name().equals("TLS")) {
                List<String> lines = new ArrayList<>(steps.get(i).lines());
                lines.addAll(facts);
                steps.set(i, new Step("TLS", true, lines));
                return;
            }
        }
        if (!facts.isEmpty() || security == TransportSecurity.SSL_TLS) {
            int afterConnect = Math.min(steps.size(), indexOf(steps, "Connect") + 1);
            steps.add(afterConnect == 0 ? Math.min(1, steps.size()) : afterConnect,
                    new Step("TLS", true, facts));
        }
    }

    private static int indexOf(List<Step> steps, String name) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Marks the step the failure belongs to as failed, drops anything after it, and adds the hint. */
    private static DiagnosticReport report(String subject, List<Step> steps, Protocol protocol, MailServer server,
            Exception failure, String messageId) {
        if (failure == null) {
            return new DiagnosticReport(subject, List.copyOf(steps), null, messageId);
        }
        Diagnosis diagnosis = FailureHints.diagnose(failure, protocol, server);
        String failedName = switch (diagnosis.stage()) {
            case RESOLVE -> "Resolve";
            case CONNECT -> "Connect";
            case TLS -> "TLS";
            case AUTH -> protocol == Protocol.SMTP ? "AUTH" : "Login";
            case OTHER -> steps.isEmpty() ? "Connect" : steps.get(steps.size() - 1).name();
        };
        int index = indexOf(steps, failedName);
        if (index < 0) {
            steps.add(new Step(failedName, false, List.of()));
            index = steps.size() - 1;
        }
        List<String> lines = new ArrayList<>(steps.get(index).lines());
        if (diagnosis.stage() != Stage.RESOLVE) {
            lines.add("Error: " + FailureHints.rootMessage(failure));
        }
        List<Step> result = new ArrayList<>(steps.subList(0, index));
        result.add(new Step(failedName, false, lines));
        return new DiagnosticReport(subject, List.copyOf(result), diagnosis.hint(), null);
    }

    private static DiagnosticReport refused(String subject, String step, String problem, String hint) {
        return new DiagnosticReport(subject, List.of(new Step(step, false, List.of(problem))), hint, null);
    }
}
