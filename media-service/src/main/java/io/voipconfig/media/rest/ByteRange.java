package io.voipconfig.media.rest;

import java.util.Optional;

/**
 * One {@code Range: bytes=...} (RFC 9110 §14): {@code a-b}, {@code a-} or {@code -n}. Several ranges, or another unit,
 * are answered with the whole file (allowed by the RFC); a range that starts past the end is unsatisfiable (416).
 */
record ByteRange(long start, long end) {

    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    long length() {
        return end - start + 1;
    }

    /** Empty: serve the whole file. */
    static Optional<ByteRange> parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return Optional.empty();
        }
        String spec = header.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            String a = spec.substring(0, dash).strip();
            String b = spec.substring(dash + 1).strip();
            if (a.isEmpty()) {
                if (b.isEmpty()) {
                    return Optional.empty();
                }
                long suffix = Long.parseLong(b);
                if (suffix <= 0) {
                    return Optional.of(UNSATISFIABLE);
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long start = Long.parseLong(a);
            long end = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            if (start >= size || start < 0) {
                return Optional.of(UNSATISFIABLE);
            }
            if (end < start) {
                return Optional.empty(); // syntactically invalid: ignore, as the RFC says
            }
            return Optional.of(new ByteRange(start, end));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
