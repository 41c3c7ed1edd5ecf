package dev.postmaster.mailruntime.boundary;

/**
 * What "Send test email" did, in words for the page.
 *
 * @param sent whether the server accepted the message
 * @param messageId the Message-ID of the accepted message, or {@code null}
 * @param detail the server's reply on success, or the problem in plain words
 */
public record TestMailOutcome(boolean sent, String messageId, String detail) implements java.io.Serializable {

    static TestMailOutcome accepted(String messageId, String serverReply) {
        return new TestMailOutcome(true, messageId, serverReply);
    }

    static TestMailOutcome refused(String problem) {
        return new TestMailOutcome(false, null, problem);
    }
}
