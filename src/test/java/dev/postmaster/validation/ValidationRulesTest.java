package dev.postmaster.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shared input rules, case by case. */
class ValidationRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"smtp.example.com", "localhost", "mail-1.example.co.uk", "127.0.0.1", "10.0.0.255",
            "::1", "[::1]", "2001:db8::25", "example.com.", "xn--bcher-kva.example"})
    void acceptsHostNamesAndAddresses(String host) {
        assertTrue(HostName.Validator.isHost(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "smtp server", "mail..example.com", "-mail.example.com", "mail-.example.com",
            "300.1.1.1", "1.2.3", "mail_1.example.com", "host/path", "smtp.example.com\r\n", "::g", "a:b:c"})
    void rejectsWhatIsNotAHost(String host) {
        assertFalse(HostName.Validator.isHost(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"noreply@example.com", "first.last+tag@mail.example.org", "o'brien@example.ie",
            "x@sub.example.museum"})
    void acceptsMailAddresses(String address) {
        assertTrue(MailAddress.Validator.isAddress(address), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not an address", "noreply", "noreply@", "@example.com", "noreply@localhost",
            "a@b@example.com", "Name <noreply@example.com>", "noreply@example.com, other@example.com",
            "noreply@example.com\r\nBcc: victim@example.com", "noreply@example.com\n", "no\treply@example.com",
            "noreply@example..com", "noreply@example.com."})
    void rejectsWhatIsNotOneBareAddress(String address) {
        assertFalse(MailAddress.Validator.isAddress(address), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://postmaster.example.com/", "http://localhost:8080/", "https://10.0.0.5/app"})
    void acceptsAbsoluteHttpUrls(String url) {
        assertTrue(new HttpUrl.Validator().isValid(url, null), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/relative", "postmaster.example.com", "ftp://example.com/", "javascript:alert(1)",
            "https://", "https://user:pw@example.com/", "https://example.com/\r\nX: y", "https://exa mple.com/"})
    void rejectsOtherUrls(String url) {
        assertFalse(new HttpUrl.Validator().isValid(url, null), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Postmaster\r\nBcc: x@example.com", "tab\there", "nul\u0000"})
    void singleLineRejectsControlCharacters(String text) {
        assertFalse(new SingleLine.Validator().isValid(text, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Postmaster", "Société Générale – Mail", "日本語"})
    void singleLineAcceptsOrdinaryText(String text) {
        assertTrue(new SingleLine.Validator().isValid(text, null));
    }
}
