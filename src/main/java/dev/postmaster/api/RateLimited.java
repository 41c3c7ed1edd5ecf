package dev.postmaster.api;

import java.time.Duration;

/**
 * A caller did more of something than one person may in a while. A refusal like any other (an
 * {@link IllegalArgumentException}, so the console shows its message and nothing is stored), which the API answers
 * with 429 and Retry-After.
 */
public class RateLimited extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public RateLimited(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
