package dev.postmaster.settings.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of the Email settings' history: a save, an activation (at startup or by "Apply now"), a seeding from
 * the environment, or a connection test; who did it, when, and which fields changed from what to what. Secrets
 * appear only as changed. Written in the same transaction as the change it describes, so the history cannot miss
 * one.
 *
 * <p>Entries recorded before version 0.2 kept their changes as finished text, in the words the page used then
 * ({@link #getRecordedText()}); they are shown as they were written.
 */
@Entity
@Table(name = "settings_audit", indexes = @Index(name = "settings_audit_at", columnList = "at"))
@NamedQuery(name = AuditEntry.NEWEST_FIRST, query = "select a from AuditEntry a order by a.at desc, a.id desc")
@NamedQuery(name = AuditEntry.COUNT, query = "select count(a) from AuditEntry a")
public class AuditEntry {

    public static final String NEWEST_FIRST = "AuditEntry.newestFirst";
    public static final String COUNT = "AuditEntry.count";

    /** What happened. */
    public enum Action {
        SAVED("Saved"),
        ACTIVATED_AT_STARTUP("Activated at startup"),
        APPLIED_NOW("Applied now"),
        SEEDED("Seeded from the environment"),
        TESTED("Tested"),
        CONNECTED("Connected"),
        DISCONNECTED("Disconnected");

        private final String label;

        Action(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "settings_audit_ids")
    @TableGenerator(name = "settings_audit_ids", table = "id_generator", pkColumnValue = "settings_audit",
            allocationSize = 10)
    private Long id;

    @Column(nullable = false)
    private Instant at;

    @Column(nullable = false, length = 100)
    private String actor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private Action action;

    @Column(length = 1000)
    private String summary;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "settings_audit_change", joinColumns = @JoinColumn(name = "audit_id", nullable = false))
    @OrderColumn(name = "line_no", nullable = false)
    private List<SettingsChange> changes = new ArrayList<>();

    @Lob
    @Column(name = "changes")
    private String recordedText;

    protected AuditEntry() {
        // for JPA
    }

    public AuditEntry(Instant at, String actor, Action action, String summary, List<SettingsChange> changes) {
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.summary = summary == null || summary.length() <= 1000 ? summary : summary.substring(0, 997) + "...";
        this.changes = new ArrayList<>(changes);
    }

    public Long getId() {
        return id;
    }

    public Instant getAt() {
        return at;
    }

    public String getActor() {
        return actor;
    }

    public Action getAction() {
        return action;
    }

    public String getSummary() {
        return summary;
    }

    /** The fields changed, in page order; empty for a test, and for entries recorded before version 0.2. */
    public List<SettingsChange> getChanges() {
        return List.copyOf(changes);
    }

    /** The changes of an entry recorded before version 0.2, one per line ({@code Field: old → new}), or null. */
    public String getRecordedText() {
        return recordedText;
    }
}
