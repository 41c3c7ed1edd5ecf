package dev.postmaster.settings.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.Valid;
import java.time.Instant;

/**
 * One stored version of the settings, in its slot (pending or active), with who saved it and when. Keeping both
 * rows is what lets the page show "running now" beside "after the next restart".
 */
@Entity
@Table(name = "mail_settings")
@NamedQuery(name = StoredMailSettings.FIND_BY_SLOT,
        query = "select s from StoredMailSettings s where s.slot = :slot")
public class StoredMailSettings {

    public static final String FIND_BY_SLOT = "StoredMailSettings.findBySlot";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "mail_settings_ids")
    @TableGenerator(name = "mail_settings_ids", table = "id_generator", pkColumnValue = "mail_settings",
            allocationSize = 10)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, unique = true, length = 16)
    private SettingsSlot slot;

    @Valid
    @Embedded
    private MailSettings settings;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private SettingsSource source;

    @Column(name = "saved_at", nullable = false)
    private Instant savedAt;

    @Column(name = "saved_by", length = 100)
    private String savedBy;

    @Column(name = "activated_at")
    private Instant activatedAt;

    @Version
    private long version;

    protected StoredMailSettings() {
        // for JPA
    }

    public StoredMailSettings(SettingsSlot slot, MailSettings settings, SettingsSource source, Instant savedAt,
            String savedBy) {
        this.slot = slot;
        this.settings = settings;
        this.source = source;
        this.savedAt = savedAt;
        this.savedBy = savedBy;
    }

    /** Takes over another version's content, keeping this row's slot. */
    public void replaceWith(StoredMailSettings other) {
        this.settings = other.settings.copy();
        this.source = other.source;
        this.savedAt = other.savedAt;
        this.savedBy = other.savedBy;
    }

    public Long getId() {
        return id;
    }

    public SettingsSlot getSlot() {
        return slot;
    }

    public MailSettings getSettings() {
        return settings;
    }

    public SettingsSource getSource() {
        return source;
    }

    public Instant getSavedAt() {
        return savedAt;
    }

    public String getSavedBy() {
        return savedBy;
    }

    public Instant getActivatedAt() {
        return activatedAt;
    }

    public void setActivatedAt(Instant activatedAt) {
        this.activatedAt = activatedAt;
    }

    /** Goes up with every change of the row: a node running an older version of the active row is behind. */
    public long getVersion() {
        return version;
    }
}
