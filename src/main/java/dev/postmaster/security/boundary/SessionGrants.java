package dev.postmaster.security.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link SessionGrant}s that {@link AccountSessions} compares every signed-in request with, each read from the
 * database at most once per {@link #FRESH}. Without it, every page, Ajax call and API request of a signed-in user
 * costs a query of its own, which under load (a console page polled by many tabs, a script calling the API) is
 * work that tells nothing new.
 *
 * <p>A change made here ({@link UserAccounts} deactivating a user, giving a new role or a new password) is still
 * seen at the next request: it forgets the user's grant at once and again when its transaction has ended, so a
 * request that read the old row meanwhile does not keep it. Only a change this application instance did not make
 * (another node of a cluster, an SQL statement run by hand) waits up to {@link #FRESH} before a session notices it.
 */
@ApplicationScoped
public class SessionGrants {

    /** How long a grant read from the database stands for the account; a change on another node waits this long. */
    static final Duration FRESH = Duration.ofSeconds(2);

    @Inject
    UserAccounts accounts;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private final ConcurrentHashMap<String, Read> grants = new ConcurrentHashMap<>();
    /** Counts the changes, so that a grant read while one happened is not kept. */
    private final AtomicLong changes = new AtomicLong();

    private record Read(Optional<SessionGrant> grant, long atNanos) {
    }

    /** The account's grant as of at most {@link #FRESH} ago, or as of now after a change made here. */
    public Optional<SessionGrant> of(String username) {
        long now = System.nanoTime();
        Read read = grants.get(username);
        if (read != null && now - read.atNanos() < FRESH.toNanos()) {
            return read.grant();
        }
        long before = changes.get();
        Optional<SessionGrant> grant = accounts.sessionGrant(username);
        if (changes.get() == before) {
            Read fresh = new Read(grant, now);
            grants.put(username, fresh);
            if (changes.get() != before) {
                // a change came between the check and the put: its forget may have run before the put
                grants.remove(username, fresh);
            }
        }
        return grant;
    }

    /**
     * The account is being changed in the current transaction: its grant is read again at the next request, and
     * once more after the transaction, since a request that read the row before the commit may have kept it.
     */
    void changed(String username) {
        forget(username);
        if (transactions != null && transactions.getTransactionKey() != null) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // nothing: only the end matters
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED || status == Status.STATUS_ROLLEDBACK) {
                        forget(username);
                    }
                }
            });
        }
    }

    private void forget(String username) {
        changes.incrementAndGet();
        grants.remove(username);
    }
}
