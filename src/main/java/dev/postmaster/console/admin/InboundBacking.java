package dev.postmaster.console.admin;

import dev.postmaster.console.Messages;
import dev.postmaster.console.PagedList;
import dev.postmaster.inbound.boundary.InboundLog;
import dev.postmaster.inbound.boundary.InboundLog.Search;
import dev.postmaster.inbound.boundary.InboxLease;
import dev.postmaster.inbound.boundary.InboxPoller;
import dev.postmaster.inbound.boundary.PollStatus;
import dev.postmaster.inbound.entity.InboundMessage;
import dev.postmaster.inbound.entity.InboundOutcome;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Backs {@code admin/inbound.xhtml}, "Admin Settings › Inbound log": how the inbox poller stands (when it last
 * read the mailbox, why it failed, when it reads next, the mail held back at the first connect), Poll now, and
 * every message it took in with its one outcome and the reason, filtered by outcome, sender and day, a page at a
 * time.
 */
@Named
@ViewScoped
public class InboundBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "inbound";

    @Inject
    InboxPoller poller;

    @Inject
    InboundLog log;

    @Inject
    InboxLease lease;

    private InboundOutcome outcome;
    private String sender;
    private LocalDate from;
    private LocalDate until;
    private Search searched = new Search(null, null, null, null);
    private PagedList<InboundMessage> messages;
    private Map<InboundOutcome, Long> counts;

    @PostConstruct
    void init() {
        messages = new PagedList<>(new PagedList.Source<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public long count() {
                return log.count(searched);
            }

            @Override
            public List<InboundMessage> page(int first, int max) {
                return log.search(searched, first, max);
            }

            @Override
            public String key(InboundMessage row) {
                return String.valueOf(row.getId());
            }
        });
        counts = log.counts();
    }

    public void pollNow() {
        PollStatus status = poller.pollNow();
        counts = log.counts();
        if (!status.isOn()) {
            Messages.error(null, "The poller is off: " + status.offReason());
        } else if (lease.fence().isEmpty()) {
            Messages.error(null, "Not polled here: " + getPollingNode()
                    + " polls the incoming account. Poll now on that node, or wait for its next poll.");
        } else if (!status.isHealthy()) {
            Messages.error(null, "The poll failed at " + status.failedStep() + ": " + status.failure());
        } else {
            Messages.info("Polled: " + status.lastRead() + (status.lastRead() == 1 ? " message" : " messages")
                    + " taken in.");
        }
    }

    public void takeInBacklog() {
        poller.takeInBacklog();
        counts = log.counts();
        Messages.info("The held-back mail is taken in.");
    }

    public void markBacklogSeen() {
        if (poller.markBacklogSeen().isBacklogHeld()) {
            Messages.error(null, "The held-back mail could not be marked read: the mailbox could not be reached."
                    + " It stays held back; see the log, and try again.");
        } else {
            Messages.info("The held-back mail is marked read on the server; it will not be processed.");
        }
    }

    public void search() {
        if (from != null && until != null && until.isBefore(from)) {
            Messages.error(FORM + ":until", "The last day must not be before the first");
            return;
        }
        searched = new Search(outcome, sender == null || sender.isBlank() ? null : sender.strip(),
                from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC),
                until == null ? null : until.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    public void clear() {
        outcome = null;
        sender = null;
        from = null;
        until = null;
        search();
    }

    /** This node's name. */
    public String getNode() {
        return lease.node();
    }

    /** Whether this node holds the poller's lease (the others stand by). */
    public boolean isPollingHere() {
        return lease.fence().isPresent();
    }

    /** The node that holds the poller's lease, as this node last saw it. */
    public String getPollingNode() {
        return lease.holder().orElse("no node yet");
    }

    /** When the holder last renewed the lease. */
    public Instant getLeaseRenewedAt() {
        return lease.renewedAt().orElse(null);
    }

    /** How long a dead node keeps the others from polling. */
    public Duration getLeasePeriod() {
        return lease.period();
    }

    public PollStatus getStatus() {
        return poller.status();
    }

    public long count(InboundOutcome o) {
        return counts.getOrDefault(o, 0L);
    }

    public InboundOutcome[] getOutcomes() {
        return InboundOutcome.values();
    }

    public String size(long bytes) {
        return bytes < 1024 ? bytes + " B" : bytes < 1024 * 1024 ? bytes / 1024 + " KB"
                : String.format("%.1f MB", bytes / (1024.0 * 1024.0));
    }

    public PagedList<InboundMessage> getMessages() {
        return messages;
    }

    public InboundOutcome getOutcome() {
        return outcome;
    }

    public void setOutcome(InboundOutcome outcome) {
        this.outcome = outcome;
    }

    public String getSender() {
        return sender;
    }

    public void setSender(String sender) {
        this.sender = sender;
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getUntil() {
        return until;
    }

    public void setUntil(LocalDate until) {
        this.until = until;
    }
}
