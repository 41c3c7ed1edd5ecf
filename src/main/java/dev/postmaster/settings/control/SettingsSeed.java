package dev.postmaster.settings.control;

import dev.postmaster.settings.entity.MailSettings;
import dev.postmaster.settings.entity.TransportSecurity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
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
    java.util.logging.Logger log;

    /** The seeded settings, or empty when no server is configured at all. */
    public Optional<MailSettings> settings() {
        Optional<String> smtpHost = text("postmaster.smtp.host");
        Optional<String> imapHost = text("postmaster.imap.host");
        if (smtpHost.isEmpty() && imapHost.isEmpty()) {
            return Optional.empty();
        }
        MailSettings seed = new MailSettings();
        seed.setSmtpHost(smtpHost.orElse(null));
        seed.setSmtpPort(config.getOptionalValue("postmaster.smtp.port", Integer.class).orElse(null));
        seed.setSmtpSsl(config.getOptionalValue("postmaster.smtp.ssl", Boolean.class).orElse(false));
        security("postmaster.smtp.security").ifPresent(seed::setSmtpSecurity);
        seed.setReplyTo(text("postmaster.reply.to").orElse(null));
        text("postmaster.smtp.username").ifPresent(username -> {
            seed.setSmtpAuth(true);
            seed.setSmtpUsername(username);
        });
        text("postmaster.smtp.password").ifPresent(password -> seed.setSmtpPasswordSealed(secretBox.seal(password)));
        text("postmaster.application.name").ifPresent(seed::setApplicationName);
        seed.setApplicationUrl(text("postmaster.application.url").orElse(null));
        seed.setImapHost(imapHost.orElse(null));
        seed.setImapPort(config.getOptionalValue("postmaster.imap.port", Integer.class).orElse(null));
        seed.setImapSsl(config.getOptionalValue("postmaster.imap.ssl", Boolean.class).orElse(false));
        security("postmaster.imap.security").ifPresent(seed::setImapSecurity);
        seed.setImapUsername(text("postmaster.imap.username").orElse(null));
        text("postmaster.imap.password").ifPresent(password -> seed.setImapPasswordSealed(secretBox.seal(password)));
        return Optional.of(seed);
    }

    /** NONE, SSL_TLS or STARTTLS; anything else is reported by name and ignored. */
    private Optional<TransportSecurity> security(String name) {
        return text(name).flatMap(value -> {
            try {
                return Optional.of(TransportSecurity.valueOf(value.toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                log.warning(() -> name.toUpperCase(java.util.Locale.ROOT).replace('.', '_') + " must be NONE, SSL_TLS"
                        + " or STARTTLS, not " + value + "; it was ignored");
                return Optional.empty();
            }
        });
    }

    private Optional<String> text(String name) {
        return config.getOptionalValue(name, String.class).map(String::strip).filter(value -> !value.isEmpty());
    }
}
