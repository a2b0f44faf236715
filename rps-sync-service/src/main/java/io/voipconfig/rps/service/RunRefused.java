package io.voipconfig.rps.service;

import java.time.Duration;
import java.util.Optional;

/**
 * A reconciliation run that {@link ReconcileRuns} did not start: another one of the same scope is in flight, or this
 * kind ran too recently for its scope. The message names the running run or the limit.
 */
public class RunRefused extends RuntimeException {

    public enum Reason {
        /** Another run of the scope is in flight. */
        RUNNING,
        /** The scope's last run of this kind started less than the kind's interval ago. */
        RATE_LIMITED
    }

    private final Reason reason;
    private final Duration retryAfter;

    RunRefused(Reason reason, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** When the run may be asked for again, if that is known (a rate limit). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
