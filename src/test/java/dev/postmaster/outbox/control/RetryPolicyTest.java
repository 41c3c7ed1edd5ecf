package dev.postmaster.outbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** 5xx is permanent, everything else is retried with a doubling wait, and retrying has an end. */
class RetryPolicyTest {

    @Test
    void theWaitDoublesUpToAnHour() {
        assertEquals(Duration.ofSeconds(30), RetryPolicy.backoff(1));
        assertEquals(Duration.ofMinutes(1), RetryPolicy.backoff(2));
        assertEquals(Duration.ofMinutes(2), RetryPolicy.backoff(3));
        assertEquals(Duration.ofMinutes(16), RetryPolicy.backoff(6));
        assertEquals(Duration.ofHours(1), RetryPolicy.backoff(8));
        assertEquals(Duration.ofHours(1), RetryPolicy.backoff(40));
    }

    @Test
    void aPermanentReplyFailsAtOnce() {
        SendFailedException rejected = new SendFailedException("Invalid Addresses",
                new MessagingException("550 5.1.1 <nobody@example.com>: Recipient address rejected"));
        RetryPolicy.Verdict verdict = RetryPolicy.judge(rejected, 1);
        assertTrue(verdict.permanent());
        assertEquals(550, verdict.replyCode());
        assertTrue(verdict.reply().startsWith("550 5.1.1"), verdict.reply());
    }

    @Test
    void aTemporaryReplyIsRetried() {
        RetryPolicy.Verdict verdict = RetryPolicy.judge(
                new SendFailedException("451 4.7.1 Greylisted, try again later"), 1);
        assertFalse(verdict.permanent());
        assertEquals(451, verdict.replyCode());
    }

    @Test
    void connectionTroubleIsRetried() {
        RetryPolicy.Verdict refused = RetryPolicy.judge(
                new MessagingException("Couldn't connect to host", new ConnectException("Connection refused")), 2);
        assertFalse(refused.permanent());
        assertEquals(null, refused.replyCode());
        assertTrue(refused.error().contains("Connection refused"), refused.error());
        assertFalse(RetryPolicy.judge(new MessagingException("Exception reading response",
                new SocketTimeoutException("Read timed out")), 3).permanent());
    }

    @Test
    void retryingEndsAfterTheLastAttempt() {
        RetryPolicy.Verdict verdict = RetryPolicy.judge(
                new MessagingException("Couldn't connect", new ConnectException("Connection refused")),
                RetryPolicy.MAX_ATTEMPTS);
        assertTrue(verdict.permanent());
        assertTrue(verdict.error().startsWith("Gave up after " + RetryPolicy.MAX_ATTEMPTS + " attempts"),
                verdict.error());
    }
}
