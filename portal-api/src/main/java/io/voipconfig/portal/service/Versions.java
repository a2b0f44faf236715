package io.voipconfig.portal.service;

import java.util.Arrays;

import io.voipconfig.portal.problem.ApiException;

/** ETags are the aggregate's version ({@code "7"}); {@code If-Match} is checked inside the writing transaction. */
public final class Versions {

    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** Passes when {@code ifMatch} is absent, {@code *}, or lists the current version; 412 otherwise. */
    public static void check(String ifMatch, long current) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return;
        }
        String expected = etag(current);
        boolean match = Arrays.stream(ifMatch.split(","))
                .map(String::strip)
                .map(t -> t.startsWith("W/") ? t.substring(2) : t)
                .anyMatch(expected::equals);
        if (!match) {
            throw ApiException.stale(expected);
        }
    }
}
