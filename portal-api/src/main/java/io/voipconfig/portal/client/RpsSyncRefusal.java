package io.voipconfig.portal.client;

/**
 * rps-sync-service declined a run it was asked for (409: one of the organization's is in flight; 429: a per-organization
 * rate limit). An answer, not a failure: it neither opens the circuit breaker nor is retried.
 */
public class RpsSyncRefusal extends RuntimeException {

    private final int status;
    private final Long retryAfterSeconds;

    RpsSyncRefusal(int status, String detail, Long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 409 or 429. */
    public int status() {
        return status;
    }

    /** rps-sync-service's {@code Retry-After} in seconds, or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
