package dev.postmaster.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Signed-in requests share one reading of an account's grant, and a change made by this application is seen by
 * the very next request.
 */
class SessionGrantsTest {

    private final AtomicInteger reads = new AtomicInteger();
    private volatile SessionGrant inDatabase = new SessionGrant(true, 1, false);

    @Test
    void requestsShareOneReading() {
        SessionGrants grants = grants();
        for (int i = 0; i < 10; i++) {
            assertEquals(Optional.of(new SessionGrant(true, 1, false)), grants.of("alice"));
        }
        assertEquals(1, reads.get());
    }

    @Test
    void aChangeIsSeenAtTheNextRequest() {
        SessionGrants grants = grants();
        grants.of("alice");
        inDatabase = new SessionGrant(false, 2, false);
        grants.changed("alice");
        assertEquals(Optional.of(new SessionGrant(false, 2, false)), grants.of("alice"));
        assertEquals(2, reads.get());
    }

    @Test
    void eachAccountHasItsOwnGrant() {
        SessionGrants grants = grants();
        grants.of("alice");
        grants.of("bob");
        grants.changed("bob");
        grants.of("alice");
        grants.of("bob");
        assertEquals(3, reads.get());
    }

    private SessionGrants grants() {
        SessionGrants grants = new SessionGrants();
        grants.accounts = new UserAccounts() {
            @Override
            public Optional<SessionGrant> sessionGrant(String username) {
                reads.incrementAndGet();
                return Optional.of(inDatabase);
            }
        };
        return grants;
    }
}
