package io.voipconfig.phonebook.service;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many phonebook streams each client address has open. A stream lives as long as its phone takes to read it; one
 * address opening many (on purpose or not) must not tie up the service for every other tenant's phones.
 */
public final class StreamsPerAddress {

    private final int max;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    public StreamsPerAddress(int max) {
        this.max = max;
    }

    /** Counts a stream for {@code address} if it has fewer than the maximum open; false otherwise. */
    public boolean tryOpen(String address) {
        boolean[] opened = {false};
        open.compute(address, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= max) {
                return now;
            }
            opened[0] = true;
            return now + 1;
        });
        return opened[0];
    }

    /** A stream counted by {@link #tryOpen} ended, however it ended. */
    public void close(String address) {
        open.computeIfPresent(address, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Addresses with a stream open (for tests and metrics). */
    public int addresses() {
        return open.size();
    }
}
