package dev.postmaster.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** How an {@code Authorization} header becomes the credentials the identity store checks, or none. */
class CallersTest {

    @Test
    void aBasicHeaderGivesTheUserNameAndThePasswordWhichMayHoldColons() {
        UsernamePasswordCredential credential = Callers.basicCredential(basic("scraper:pa:ss wörd")).orElseThrow();
        assertEquals("scraper", credential.getCaller());
        assertEquals("pa:ss wörd", credential.getPasswordAsString());
        assertEquals("scraper", Callers.basicCredential("basic " + encode("scraper:x")).orElseThrow().getCaller());
    }

    @Test
    void anythingElseGivesNoCredentials() {
        assertTrue(Callers.basicCredential(null).isEmpty());
        assertTrue(Callers.basicCredential("Bearer abc").isEmpty());
        assertTrue(Callers.basicCredential("Basic").isEmpty());
        assertTrue(Callers.basicCredential("Basic not*base64").isEmpty());
        assertTrue(Callers.basicCredential(basic("no-colon")).isEmpty());
    }

    private static String basic(String credentials) {
        return "Basic " + encode(credentials);
    }

    private static String encode(String credentials) {
        return Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
