package dev.postmaster.console;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * A table that reads one page at a time from a boundary that can count and page (the outbox by status, the
 * decision log by recipient and record). Both grow without bound, so their tables must never load everything;
 * the order is the boundary's (newest first), not the table's.
 *
 * @param <T> the rows
 */
public final class PagedList<T> extends LazyDataModel<T> {

    private static final long serialVersionUID = 1L;

    /** Where the rows come from; the criteria are whatever the backing bean holds when a page is read. */
    public interface Source<T> extends Serializable {

        long count();

        List<T> page(int first, int max);

        /** A stable key for a row, for the table's row ids. */
        String key(T row);
    }

    private final Source<T> source;

    public PagedList(Source<T> source) {
        this.source = source;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) Math.min(Integer.MAX_VALUE, source.count());
    }

    @Override
    public List<T> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        return source.page(first, pageSize);
    }

    @Override
    public String getRowKey(T row) {
        return source.key(row);
    }

    @Override
    public T getRowData(String rowKey) {
        return null;
    }
}
