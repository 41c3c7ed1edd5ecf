package dev.postmaster.console.admin;

import dev.postmaster.settings.boundary.SettingsAudit;
import dev.postmaster.settings.entity.AuditEntry;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * Pages through the settings audit for the Email page's table, newest first, one database page at a time: the
 * history only grows, and the page must not load all of it.
 */
public class AuditLazyModel extends LazyDataModel<AuditEntry> {

    private static final long serialVersionUID = 1L;

    private final transient SettingsAudit audit;

    public AuditLazyModel(SettingsAudit audit) {
        this.audit = audit;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) Math.min(Integer.MAX_VALUE, audit.count());
    }

    @Override
    public List<AuditEntry> load(int first, int pageSize, Map<String, SortMeta> sortBy,
            Map<String, FilterMeta> filterBy) {
        return audit.newestFirst(first, pageSize);
    }

    @Override
    public String getRowKey(AuditEntry entry) {
        return String.valueOf(entry.getId());
    }

    @Override
    public AuditEntry getRowData(String rowKey) {
        return null;
    }
}
