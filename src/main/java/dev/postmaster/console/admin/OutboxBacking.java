package dev.postmaster.console.admin;

import dev.postmaster.console.Formats;
import dev.postmaster.console.Messages;
import dev.postmaster.console.PagedList;
import dev.postmaster.outbox.boundary.Outbox;
import dev.postmaster.outbox.boundary.OutboxStatistics;
import dev.postmaster.outbox.entity.OutboxHold;
import dev.postmaster.outbox.entity.OutboxMessage;
import dev.postmaster.security.boundary.ActiveUser;
import dev.postmaster.outbox.entity.OutboxStatus;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Backs {@code admin/outbox.xhtml}, "Admin Settings › Outbox": how many mails are in each state, how long the
 * oldest waiting one has waited, and the mails of one state with the full error and server reply of their last
 * attempt; an administrator resends or discards them from here. Opened without {@code ?status=}, it shows the
 * first state that needs attention (failed, deferred, sending, queued), else what was sent.
 */
@Named
@ViewScoped
public class OutboxBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final List<OutboxStatus> ATTENTION_FIRST = List.of(OutboxStatus.FAILED, OutboxStatus.DEFERRED,
            OutboxStatus.SENDING, OutboxStatus.QUEUED, OutboxStatus.SENT);

    @Inject
    Outbox outbox;

    @Inject
    Formats formats;

    @Inject
    ActiveUser activeUser;

    @Inject
    OutboxStatistics statistics;

    private String statusParameter;
    private OutboxStatus status;
    private Map<OutboxStatus, Long> counts;
    private Duration oldestWaiting;
    private OutboxHold hold;
    private PagedList<OutboxMessage> messages;
    private transient List<OutboxStatistics.Minute> lastHour;

    @PostConstruct
    void init() {
        messages = new PagedList<>(new PagedList.Source<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public long count() {
                return counts().getOrDefault(getStatus(), 0L);
            }

            @Override
            public List<OutboxMessage> page(int first, int max) {
                return outbox.withStatus(getStatus(), first, max);
            }

            @Override
            public String key(OutboxMessage row) {
                return String.valueOf(row.getId());
            }
        });
    }

    /**
     * Applies {@code ?status=} once the page is opened, or picks the state that needs attention. Everything it
     * sets is also read on first use ({@link #counts()}, {@link #getStatus()}): under load a view's bean can be
     * evicted and made again while the page renders, after this view action ran on the old one.
     */
    public void open() {
        refresh();
        status = null;
        getStatus();
    }

    private Map<OutboxStatus, Long> counts() {
        if (counts == null) {
            refresh();
        }
        return counts;
    }

    private Optional<OutboxStatus> statusFromParameter() {
        if (statusParameter == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OutboxStatus.valueOf(statusParameter.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Reads the counts, the oldest waiting mail and the hold again. */
    public void refresh() {
        hold = outbox.holdState();
        counts = outbox.counts();
        oldestWaiting = outbox.oldestWaitingAge().orElse(null);
        lastHour = null;
    }

    /** The last hour per minute, read once per request that shows it. */
    private List<OutboxStatistics.Minute> lastHour() {
        if (lastHour == null) {
            lastHour = statistics.lastHour();
        }
        return lastHour;
    }

    /** The "Last hour" chart's Chart.js configuration. */
    public String getActivityChart() {
        return OutboxChart.of(lastHour());
    }

    /** The chart in words, for screen readers and for a glance: totals of the hour, the depth now and its peak. */
    public String getActivitySummary() {
        List<OutboxStatistics.Minute> minutes = lastHour();
        long sent = minutes.stream().mapToLong(OutboxStatistics.Minute::sent).sum();
        long deferred = minutes.stream().mapToLong(OutboxStatistics.Minute::deferred).sum();
        long failed = minutes.stream().mapToLong(OutboxStatistics.Minute::failed).sum();
        long peak = minutes.stream().mapToLong(OutboxStatistics.Minute::depth).max().orElse(0);
        long now = minutes.isEmpty() ? 0 : minutes.get(minutes.size() - 1).depth();
        return "In the last hour: " + sent + " sent, " + deferred + " deferred, " + failed + " failed. Waiting now: "
                + now + " (at most " + peak + " in the hour).";
    }

    public void resend(long id) {
        try {
            if (outbox.resend(id)) {
                Messages.info("Mail " + id + " is queued to be sent again now.");
            } else {
                Messages.error(null, "Mail " + id + " is about to be sent, or no longer exists; it was not queued"
                        + " again.");
            }
        } catch (RuntimeException e) {
            Messages.refused(e, null);
        }
        refresh();
    }

    public void resendAllFailed() {
        try {
            int count = outbox.resendAllFailed();
            Messages.info(count == 0 ? "No failed mail to send again."
                    : count + (count == 1 ? " failed mail is" : " failed mails are") + " queued to be sent again now.");
        } catch (RuntimeException e) {
            Messages.refused(e, null);
        }
        refresh();
    }

    public void discard(long id) {
        try {
            if (outbox.discard(id)) {
                Messages.info("Mail " + id + " is discarded: it will not be sent.");
            } else {
                Messages.error(null, "Mail " + id + " was sent already or is being sent; it cannot be discarded.");
            }
        } catch (RuntimeException e) {
            Messages.refused(e, null);
        }
        refresh();
    }

    public String label(OutboxStatus s) {
        String name = s.name();
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }

    public List<OutboxStatus> getStatuses() {
        return List.of(OutboxStatus.values());
    }

    /** Holds sending; mail queued meanwhile waits. */
    public void hold() {
        hold = outbox.hold(activeUser.getUsername());
        Messages.info("Sending is held: mail is queued and waits until you release it.");
        refresh();
    }

    public void release() {
        hold = outbox.release(activeUser.getUsername());
        Messages.info("Sending is released: what waited goes out now.");
        refresh();
    }

    public boolean isHeld() {
        return holdState().isHeld();
    }

    public String getHeldBy() {
        return holdState().getChangedBy();
    }

    public String getHeldSince() {
        return holdState().getChangedAt() == null ? null : formats.instant(holdState().getChangedAt());
    }

    private OutboxHold holdState() {
        if (hold == null) {
            hold = outbox.holdState();
        }
        return hold;
    }

    public long count(OutboxStatus s) {
        return counts().getOrDefault(s, 0L);
    }

    public String getOldestWaiting() {
        counts(); // read together with the counts
        return oldestWaiting == null ? null : formats.duration(oldestWaiting);
    }

    public PagedList<OutboxMessage> getMessages() {
        return messages;
    }

    public OutboxStatus getStatus() {
        if (status == null) {
            status = statusFromParameter().orElseGet(() -> ATTENTION_FIRST.stream()
                    .filter(s -> counts().getOrDefault(s, 0L) > 0).findFirst().orElse(OutboxStatus.FAILED));
        }
        return status;
    }

    /** Shows the mails in another state (the page's "Show" choice), with fresh counts. */
    public void setStatus(OutboxStatus status) {
        this.status = status == null ? OutboxStatus.FAILED : status;
    }

    public String getStatusParameter() {
        return statusParameter;
    }

    public void setStatusParameter(String statusParameter) {
        this.statusParameter = statusParameter;
    }
}
