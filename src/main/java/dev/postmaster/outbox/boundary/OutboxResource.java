package dev.postmaster.outbox.boundary;

import dev.postmaster.api.Allowed;
import dev.postmaster.api.Problem;
import dev.postmaster.outbox.entity.OutboxHold;
import dev.postmaster.outbox.entity.OutboxMessage;
import dev.postmaster.security.boundary.ActiveUser;
import dev.postmaster.outbox.entity.OutboxStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /api/outbox}: what is waiting, sent or failed, and sending again. */
@Path("outbox")
@RequestScoped
@Allowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class OutboxResource {

    /** One outgoing mail in the API (without its content). */
    public record OutboxJson(long id, String status, String kind, String messageId, String recipients,
            String subject, int attempts, Instant createdAt, Instant nextAttemptAt, Instant sentAt, String lastError,
            String lastReply) {
        static OutboxJson of(OutboxMessage m) {
            return new OutboxJson(m.getId(), m.getStatus().name(), m.getKind(), m.getMessageId(), m.getRecipients(),
                    m.getSubject(), m.getAttempts(), m.getCreatedAt(), m.getNextAttemptAt(), m.getSentAt(),
                    m.getLastError(), m.getLastReply());
        }
    }

    /** How many of each status, how long the oldest waiting mail has waited, and whether sending is held. */
    public record SummaryJson(Map<OutboxStatus, Long> counts, Long oldestWaitingSeconds, HoldJson hold) {
    }

    /** Whether sending is held, and who changed that last, when. */
    public record HoldJson(boolean held, String changedBy, Instant changedAt) {
        static HoldJson of(OutboxHold hold) {
            return new HoldJson(hold.isHeld(), hold.getChangedBy(), hold.getChangedAt());
        }
    }

    @Inject
    ActiveUser activeUser;

    @Inject
    Outbox outbox;

    @GET
    public List<OutboxJson> byStatus(@QueryParam("status") @DefaultValue("FAILED") String status,
            @QueryParam("first") @DefaultValue("0") int first, @QueryParam("max") @DefaultValue("100") int max) {
        OutboxStatus wanted;
        try {
            wanted = OutboxStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("status must be one of " + List.of(OutboxStatus.values()));
        }
        if (first < 0 || max < 1 || max > 1000) {
            throw Problem.invalid("first must be 0 or more and max from 1 to 1000");
        }
        return outbox.withStatus(wanted, first, max).stream().map(OutboxJson::of).toList();
    }

    @GET
    @Path("summary")
    public SummaryJson summary() {
        return new SummaryJson(outbox.counts(), outbox.oldestWaitingAge().map(d -> d.toSeconds()).orElse(null),
                HoldJson.of(outbox.holdState()));
    }

    /** Holds sending (Postfix's {@code postsuper -h ALL}): mail queued from now on waits for the release. */
    @POST
    @Path("hold")
    public HoldJson hold() {
        return HoldJson.of(outbox.hold(activeUser.getUsername()));
    }

    /** Releases sending: what waited goes out at once. */
    @POST
    @Path("release")
    public HoldJson release() {
        return HoldJson.of(outbox.release(activeUser.getUsername()));
    }

    @GET
    @Path("{id}")
    public OutboxJson one(@PathParam("id") long id) {
        return outbox.find(id).map(OutboxJson::of).orElseThrow(() -> Problem.notFound("Outbox message " + id));
    }

    @POST
    @Path("{id}/resend")
    public OutboxJson resend(@PathParam("id") long id) {
        OutboxJson message = one(id);
        if (!outbox.resend(id)) {
            throw new Problem(409, "Conflict", "Outbox message " + id + " is " + message.status()
                    .toLowerCase(Locale.ROOT) + ": it is about to be sent, so it cannot be sent again now");
        }
        return one(id);
    }

    @POST
    @Path("resend-failed")
    public Map<String, Integer> resendAllFailed() {
        return Map.of("resent", outbox.resendAllFailed());
    }
}
