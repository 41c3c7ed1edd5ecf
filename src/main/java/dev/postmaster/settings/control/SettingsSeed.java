package dev.postmaster.settings.control;

import dev.postmaster.settings.boundary.SecretBox;
import dev.postmaster.settings.boundary.SecretField;
import dev.postmaster.settings.entity.MailPassword;
import dev.postmaster.settings.entity.MailServer;
import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.Protocol;
import dev.postmaster.settings.entity.TransportSecurity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The settings given by MicroProfile Config (in practice environment variables such as
 * {@code POSTMASTER_SMTP_HOST}), used only on a first start when the database holds no settings yet. After that
 * the database is the source of truth. {@code scripts/run.sh} uses this to point a fresh install at its local
 * mail sandbox.
 */
@ApplicationScoped
public class SettingsSeed {

    @Inject
    Config config;

    @Inject
    SecretBox secretBox;

    @Inject
    Logger log;

    /** The seeded settings, or empty when no server is configured at all. */
    public Optional<MailSettings> settings() {
        Optional<String> smtpHost = text("postmaster.smtp.host");
        Optional<String> imapHost = text("postmaster.imap.host");
        if (smtpHost.isEmpty() && imapHost.isEmpty()) {
            return Optional.empty();
        }
        MailSettings seed = new MailSettings();
        server(seed.getOutgoing(), Protocol.SMTP);
        text("postmaster.smtp.username").ifPresent(username -> seed.getOutgoing().setAuthentication(true));
        seed.setReplyTo(text("postmaster.reply.to").orElse(null));
        text("postmaster.application.name").ifPresent(seed::setApplicationName);
        seed.setApplicationUrl(text("postmaster.application.url").orElse(null));
        server(seed.getIncoming(), Protocol.IMAP);
        seed.setIncomingAddress(text("postmaster.imap.address").orElse(null));
        seed.setRepliesToIncoming(config.getOptionalValue("postmaster.replies.to.incoming", Boolean.class)
                .orElse(false));
        seed.setSmtpConnections(config.getOptionalValue("postmaster.smtp.connections", Integer.class).orElse(null));
        seed.setPollIntervalSeconds(config.getOptionalValue("postmaster.poll.interval.seconds", Integer.class)
                .orElse(null));
        return Optional.of(seed);
    }

    /** One server from {@code POSTMASTER_<PREFIX>_HOST}, {@code _PORT}, {@code _SSL}, {@code _SECURITY} and so on. */
    private void server(MailServer server, Protocol protocol) {
        String name = "postmaster." + protocol.name().toLowerCase(Locale.ROOT) + ".";
        server.setHost(text(name + "host").orElse(null));
        server.setPort(config.getOptionalValue(name + "port", Integer.class).orElse(null));
        server.setSsl(config.getOptionalValue(name + "ssl", Boolean.class).orElse(false));
        security(name + "security").ifPresent(server::setSecurity);
        server.setUsername(text(name + "username").orElse(null));
        text(name + "password").ifPresent(password -> {
            if (password.length() > MailPassword.MAX_LENGTH) {
                // The Email page's rule. Without it, the seeded settings are incomplete, and are reported so.
                log.warning(() -> variable(name + "password") + " is longer than " + MailPassword.MAX_LENGTH
                        + " characters and was not used");
            } else {
                server.setPasswordSealed(secretBox.seal(SecretField.passwordOf(protocol), password));
            }
        });
    }

    /** The environment variable a property is set by, as an administrator knows it. */
    private static String variable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** NONE, SSL_TLS or STARTTLS; anything else is reported by name and ignored. */
    private Optional<TransportSecurity> security(String name) {
        return text(name).flatMap(value -> {
            try {
                return Optional.of(TransportSecurity.valueOf(value.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                log.warning(() -> variable(name) + " must be NONE, SSL_TLS or STARTTLS, not " + value
                        + "; it was ignored");
                return Optional.empty();
            }
        });
    }

    private Optional<String> text(String name) {
        return config.getOptionalValue(name, String.class).map(String::strip).filter(value -> !value.isEmpty());
    }
}
