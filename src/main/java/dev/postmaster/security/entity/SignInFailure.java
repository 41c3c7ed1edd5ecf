package dev.postmaster.security.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * Failed sign-ins counted under one key: a user name, a client address, or the pair of both. Kept in the
 * database so that every node sees the same counts and a restart forgets nothing; rows whose last failure is
 * older than the throttle's window are deleted.
 */
@Entity
@Table(name = "sign_in_failure")
@NamedQuery(name = SignInFailure.PRUNE, query = "delete from SignInFailure f where f.lastFailureAt < :before")
@NamedQuery(name = SignInFailure.BY_KEYS, query = "select f from SignInFailure f where f.key in :keys")
public class SignInFailure {

    public static final String PRUNE = "SignInFailure.prune";
    public static final String BY_KEYS = "SignInFailure.byKeys";

    @Id
    @Column(name = "throttle_key", length = 200)
    private String key;

    @Column(nullable = false)
    private int failures;

    @Column(name = "first_failure_at", nullable = false)
    private Instant firstFailureAt;

    @Column(name = "last_failure_at", nullable = false)
    private Instant lastFailureAt;

    protected SignInFailure() {
        // for JPA
    }

    public SignInFailure(String key, Instant now) {
        this.key = key;
        this.failures = 1;
        this.firstFailureAt = now;
        this.lastFailureAt = now;
    }

    /** One more failure; a count whose last failure is older than {@code window} starts again. */
    public void failedAgain(Instant now, Duration window) {
        if (lastFailureAt.plus(window).isBefore(now)) {
            failures = 0;
            firstFailureAt = now;
        }
        failures++;
        lastFailureAt = now;
    }

    public String getKey() {
        return key;
    }

    public int getFailures() {
        return failures;
    }

    public Instant getLastFailureAt() {
        return lastFailureAt;
    }
}
