package dev.postmaster.console.admin;

import dev.postmaster.console.Messages;
import dev.postmaster.console.PagedList;
import dev.postmaster.console.RecordIds;
import dev.postmaster.notification.boundary.DecisionLog;
import dev.postmaster.notification.entity.NotificationDecision;
import dev.postmaster.work.entity.RecordKind;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Backs {@code admin/notifications.xhtml}, "Admin Settings › Notification log": the answer to "why did (or
 * didn't) this person get a mail?". Every decision, newest first, searchable by recipient and by record (kind and
 * number), with its outcome and reason and the outbox mail it queued. The search criteria can come in the address
 * ({@code ?recipient=bob&kind=task&id=12}), so the edit pages link straight to a record's decisions.
 */
@Named
@ViewScoped
public class NotificationsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "search";
    @Inject
    DecisionLog decisions;

    private String recipient;
    private String kind;
    private String id;
    /** The criteria of the search shown, as they were when Search was clicked. */
    private String searchedRecipient;
    private RecordKind searchedKind;
    private Long searchedId;
    private PagedList<NotificationDecision> table;

    @PostConstruct
    void init() {
        table = new PagedList<>(new PagedList.Source<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public long count() {
                return decisions.count(searchedRecipient, searchedKind, searchedId);
            }

            @Override
            public List<NotificationDecision> page(int first, int max) {
                return decisions.search(searchedRecipient, searchedKind, searchedId, first, max);
            }

            @Override
            public String key(NotificationDecision row) {
                return String.valueOf(row.getId());
            }
        });
    }

    /** Runs the search the address asks for, when the page is opened. */
    public void open() {
        search();
    }

    public void search() {
        Long wantedId = null;
        if (id != null && !id.isBlank()) {
            wantedId = RecordIds.parse(id).orElse(null);
            if (wantedId == null) {
                Messages.error(FORM + ":id", "Enter a record number such as 12");
                return;
            }
        }
        Optional<RecordKind> wantedKind = RecordKind.ofKey(kind);
        if (kind != null && !kind.isBlank() && wantedKind.isEmpty()) {
            Messages.error(FORM + ":kind", "Choose " + Arrays.stream(RecordKind.values()).map(RecordKind::key)
                    .collect(Collectors.joining(", ")));
            return;
        }
        searchedRecipient = blankToNull(recipient);
        searchedKind = wantedKind.orElse(null);
        searchedId = wantedId;
    }

    public void clear() {
        recipient = null;
        kind = null;
        id = null;
        search();
    }

    /** The page a decision's record is edited on. */
    public String outcomeFor(NotificationDecision decision) {
        return "/" + decision.getRecordKind().page();
    }

    public List<String> getKinds() {
        return Arrays.stream(RecordKind.values()).map(RecordKind::key).toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public PagedList<NotificationDecision> getDecisions() {
        return table;
    }

    public String getRecipient() {
        return recipient;
    }

    public void setRecipient(String recipient) {
        this.recipient = recipient;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }
}
