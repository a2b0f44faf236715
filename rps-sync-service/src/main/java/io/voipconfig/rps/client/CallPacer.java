package io.voipconfig.rps.client;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Spaces calls evenly at a configured rate: each call reserves the next free slot and waits until it. A wait is never
 * shorter than a millisecond: timers (Vert.x's, which Mutiny uses inside Quarkus) refuse delays under 1 ms, and a
 * refused timer would turn an ordinary call into a failure whenever two calls happen to come less than a millisecond
 * apart. Waits are rounded up to whole milliseconds, so no call starts before its slot; the slots themselves stay on the
 * nanosecond schedule, so the rounding never accumulates.
 */
public final class CallPacer {

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    /** The earliest clock reading the next call may start at; MIN_VALUE until the first call (nanoTime may be negative). */
    private final AtomicLong nextSlot = new AtomicLong(Long.MIN_VALUE);

    /** @param ratePerSecond most calls per second (0: no limit) */
    public CallPacer(double ratePerSecond) {
        this(ratePerSecond, System::nanoTime);
    }

    /** @param nanoClock a monotonic clock in nanoseconds, such as {@link System#nanoTime()} */
    public CallPacer(double ratePerSecond, LongSupplier nanoClock) {
        if (ratePerSecond < 0 || Double.isNaN(ratePerSecond)) {
            throw new IllegalArgumentException("rate per second must be 0 (no limit) or more, not " + ratePerSecond);
        }
        this.intervalNanos = ratePerSecond > 0 ? Math.max(1, (long) (1_000_000_000L / ratePerSecond)) : 0;
        this.nanoClock = nanoClock;
    }

    /** Reserves the next slot and answers how long to wait for it: zero, or one millisecond or more. */
    public Duration reserve() {
        if (intervalNanos == 0) {
            return Duration.ZERO;
        }
        long now = nanoClock.getAsLong();
        long mine = nextSlot.getAndUpdate(n -> Math.max(n, now) + intervalNanos);
        if (mine <= now) {
            return Duration.ZERO;
        }
        return Duration.ofMillis((mine - now + 999_999) / 1_000_000);
    }
}
