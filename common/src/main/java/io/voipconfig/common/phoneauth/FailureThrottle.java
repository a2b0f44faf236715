package io.voipconfig.common.phoneauth;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Blocks a source (client IP) that fails too often: {@code maxFailures} within {@code window} blocks it for
 * {@code blockFor}. The first 401 challenge of a normal request is not a failure; wrong credentials, unknown MACs
 * and replays are.
 */
public final class FailureThrottle {

    private final int maxFailures;
    private final Duration window;
    private final Duration blockFor;
    private final Clock clock;
    private final Cache<String, Entry> entries;

    public FailureThrottle(int maxFailures, Duration window, Duration blockFor, Clock clock, long maxSources) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.blockFor = blockFor;
        this.clock = clock;
        this.entries = Caffeine.newBuilder().expireAfterAccess(window.plus(blockFor)).maximumSize(maxSources).build();
    }

    /** True while {@code source} is blocked. */
    public boolean isBlocked(String source) {
        Entry e = entries.getIfPresent(source);
        return e != null && e.blockedUntil(clock.millis());
    }

    /** Records a failure; returns true exactly when this failure starts a block (log it once). */
    public boolean recordFailure(String source) {
        long now = clock.millis();
        Entry e = entries.get(source, k -> new Entry());
        synchronized (e) {
            if (e.blockedUntil > now) {
                return false;
            }
            if (now - e.windowStart > window.toMillis()) {
                e.windowStart = now;
                e.failures = 0;
            }
            e.failures++;
            if (e.failures >= maxFailures) {
                e.blockedUntil = now + blockFor.toMillis();
                e.failures = 0;
                return true;
            }
            return false;
        }
    }

    private static final class Entry {

        long windowStart;
        int failures;
        volatile long blockedUntil;

        boolean blockedUntil(long now) {
            return blockedUntil > now;
        }
    }
}
