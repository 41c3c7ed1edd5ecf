package dev.postmaster.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What an anonymous monitor gets of a health report: the status of each check, none of its data. */
class HealthDetailsTest {

    @Test
    void onlyTheStatusAndEachChecksNameAndStatusGetThrough() {
        String report = """
                {
                  "status": "DOWN",
                  "checks": [
                    {"name": "smtp", "status": "UP", "data": {"server": "mail.acme.test:587",
                        "greeting": "220 mail.acme.test ESMTP Postfix", "checkedAt": "2026-12-01T10:00:00Z"}},
                    {"name": "imap", "status": "DOWN", "data": {"reason": "Connection refused"}},
                    {"name": "inbox", "status": "UP"}
                  ],
                  "detail": "anything else"
                }""";
        assertEquals("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"smtp\",\"status\":\"UP\"},"
                + "{\"name\":\"imap\",\"status\":\"DOWN\"},{\"name\":\"inbox\",\"status\":\"UP\"}]}",
                HealthDetails.statusOnly(report));
    }

    @Test
    void whatIsNoHealthReportGetsNoBodyAtAll() {
        assertEquals("", HealthDetails.statusOnly(""));
        assertEquals("", HealthDetails.statusOnly("Service unavailable: mail.acme.test"));
        assertEquals("", HealthDetails.statusOnly("[\"mail.acme.test\"]"));
        assertEquals("{\"checks\":[]}", HealthDetails.statusOnly("{\"checks\":\"mail.acme.test\"}"));
    }
}
