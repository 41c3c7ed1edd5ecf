package dev.postmaster.inbound.entity;

/** What became of a message read from the incoming mailbox: exactly one of these. */
public enum InboundOutcome {
    /** A reply to a notification, from the person it was sent to: now a comment on the record. */
    REPLY_THREADED("Reply threaded"),
    /** No valid reply token, an unknown sender, or a record that is gone: kept and shown, nothing attached. */
    UNMATCHED("Unmatched"),
    /** Sent by a machine (auto-reply, list, bulk): logged, never answered, so no mail loop can start. */
    AUTO_REPLY_IGNORED("Auto-reply ignored"),
    /** A delivery status notification, matched to the outgoing mail it reports on when it is one of ours. */
    BOUNCE("Bounce"),
    /** Over the size limit: only its headers are kept. */
    TOO_LARGE("Too large"),
    /** Broken MIME, an unknown charset or a bad encoding: kept as far as it could be read, the problem named. */
    UNREADABLE("Unreadable");

    private final String label;

    InboundOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
