package dev.postmaster.settings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.postmaster.settings.boundary.SecretBox;
import dev.postmaster.settings.boundary.SecretField;
import dev.postmaster.settings.boundary.SecretUnreadableException;
import dev.postmaster.settings.entity.MailSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;

/** The first-start settings from the environment: each password sealed for its own server, none too long. */
class SettingsSeedTest {

    private final SecretBox box = SecretBox.withKey(key());
    private final List<String> warnings = new ArrayList<>();

    @Test
    void eachPasswordIsSealedForItsServer() {
        MailSettings seeded = seed(Map.of(
                "postmaster.smtp.host", "smtp.example.com",
                "postmaster.smtp.username", "mailer",
                "postmaster.smtp.password", "smtp-secret",
                "postmaster.imap.host", "imap.example.com",
                "postmaster.imap.password", "imap-secret"));

        String smtp = seeded.getOutgoing().getPasswordSealed();
        String imap = seeded.getIncoming().getPasswordSealed();
        assertEquals("smtp-secret", box.open(SecretField.SMTP_PASSWORD, smtp));
        assertEquals("imap-secret", box.open(SecretField.IMAP_PASSWORD, imap));
        assertThrows(SecretUnreadableException.class, () -> box.open(SecretField.IMAP_PASSWORD, smtp));
        assertThrows(SecretUnreadableException.class, () -> box.open(SecretField.SMTP_PASSWORD, imap));
    }

    @Test
    void aPasswordTooLongIsNotUsedAndTheVariableIsNamed() {
        String tooLong = "p".repeat(257);
        MailSettings seeded = seed(Map.of(
                "postmaster.smtp.host", "smtp.example.com",
                "postmaster.smtp.username", "mailer",
                "postmaster.smtp.password", tooLong,
                "postmaster.imap.host", "imap.example.com",
                "postmaster.imap.password", "p".repeat(256)));

        assertNull(seeded.getOutgoing().getPasswordSealed());
        assertEquals("p".repeat(256), box.open(SecretField.IMAP_PASSWORD, seeded.getIncoming().getPasswordSealed()));
        assertEquals(List.of("POSTMASTER_SMTP_PASSWORD is longer than 256 characters and was not used"), warnings);
        assertFalse(warnings.get(0).contains("ppp"));
    }

    private MailSettings seed(Map<String, String> values) {
        SettingsSeed seed = new SettingsSeed();
        seed.config = new MapConfig(values);
        seed.secretBox = box;
        seed.log = Logger.getAnonymousLogger();
        seed.log.setUseParentHandlers(false);
        seed.log.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record.getMessage());
            }

            @Override
            public void flush() {
                // nothing buffered
            }

            @Override
            public void close() {
                // nothing held
            }
        });
        return seed.settings().orElseThrow();
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 5);
        return key;
    }

    /** Configuration from a map, with the conversions the seed asks for. */
    private record MapConfig(Map<String, String> values) implements Config {

        @Override
        public <T> Optional<T> getOptionalValue(String propertyName, Class<T> propertyType) {
            return Optional.ofNullable(values.get(propertyName)).map(value -> propertyType.cast(
                    propertyType == Integer.class ? Integer.valueOf(value)
                            : propertyType == Boolean.class ? Boolean.valueOf(value) : value));
        }

        @Override
        public <T> T getValue(String propertyName, Class<T> propertyType) {
            return getOptionalValue(propertyName, propertyType).orElseThrow(
                    () -> new NoSuchElementException(propertyName));
        }

        @Override
        public ConfigValue getConfigValue(String propertyName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Iterable<String> getPropertyNames() {
            return values.keySet();
        }

        @Override
        public Iterable<ConfigSource> getConfigSources() {
            return List.of();
        }

        @Override
        public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
            return Optional.empty();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new IllegalArgumentException(type.getName());
        }
    }
}
