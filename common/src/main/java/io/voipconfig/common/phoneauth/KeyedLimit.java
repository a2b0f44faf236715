package io.voipconfig.common.phoneauth;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Blocks a key that counts too often: {@code maxCount} counts within {@code window} block it for {@code blockFor}.
 * What a key is and what counts is {@link PhoneThrottle}'s choice. At most {@code maxKeys} keys are remembered;
 * Caffeine's frequency-based admission keeps a key that keeps counting over a flood of keys seen once, so a spray
 * of new keys does not flush an attacker's own count.
 */
public final class KeyedLimit {

    private final int maxCount;
    private final Duration window;
    private final Duration blockFor;
    private final Clock clock;
    private final Cache<String, Entry> entries;

    public KeyedLimit(int maxCount, Duration window, Duration blockFor, Clock clock, long maxKeys) {
        this.maxCount = maxCount;
        this.window = window;
        this.blockFor = blockFor;
        this.clock = clock;
        this.entries = Caffeine.newBuilder().expireAfterAccess(window.plus(blockFor)).maximumSize(maxKeys).build();
    }

    /** True while {@code key} is blocked. */
    public boolean isBlocked(String key) {
        Entry e = entries.getIfPresent(key);
        return e != null && e.blockedUntil(clock.millis());
    }

    /** Counts one for {@code key}; returns true exactly when this count starts a block (log it once). */
    public boolean count(String key) {
        long now = clock.millis();
        Entry e = entries.get(key, k -> new Entry());
        synchronized (e) {
            if (e.blockedUntil > now) {
                return false;
            }
            if (now - e.windowStart > window.toMillis()) {
                e.windowStart = now;
                e.count = 0;
            }
            e.count++;
            if (e.count >= maxCount) {
                e.blockedUntil = now + blockFor.toMillis();
                e.count = 0;
                return true;
            }
            return false;
        }
    }

    /**
     * Takes back one count of {@code key} in its current window (never below zero, never during a block): what
     * counted turned out legitimate.
     */
    public void forgive(String key) {
        Entry e = entries.getIfPresent(key);
        if (e == null) {
            return;
        }
        synchronized (e) {
            if (e.count > 0 && !e.blockedUntil(clock.millis())) {
                e.count--;
            }
        }
    }

    private static final class Entry {

        long windowStart;
        int count;
        volatile long blockedUntil;

        boolean blockedUntil(long now) {
            return blockedUntil > now;
        }
    }
}
