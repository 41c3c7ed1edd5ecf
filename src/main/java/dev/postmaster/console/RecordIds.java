package dev.postmaster.console;

import java.util.Optional;

/**
 * Reads the {@code id} parameter of the edit pages ({@code tasks/edit.xhtml?id=N} and its siblings). The
 * parameter comes from links in mails and from people typing addresses, so anything that is not a number is
 * treated like a record that does not exist, not as an error page.
 */
public final class RecordIds {

    private RecordIds() {
    }

    public static Optional<Long> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.valueOf(id.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
