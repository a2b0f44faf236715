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

    /**
     * The preconditions of a create-or-replace by name, checked inside the writing transaction: {@code If-None-Match:
     * *} refuses a name that exists (412 {@code already-exists}: it was taken since the client looked), and
     * {@code If-Match} a version that is not the current one — or any version when nothing exists yet.
     *
     * @param current the stored version, null when nothing of that name exists
     */
    public static void checkWrite(String ifMatch, String ifNoneMatch, Long current, String name) {
        if (current == null) {
            if (ifMatch != null && !ifMatch.isBlank() && !ifMatch.strip().equals("*")) {
                throw ApiException.stale("(none: it does not exist)");
            }
        } else if (ifNoneMatch != null && ifNoneMatch.strip().equals("*")) {
            throw ApiException.alreadyExists("name", "'" + name + "' exists already; choose another name, or replace"
                    + " it with its ETag in If-Match");
        } else {
            check(ifMatch, current);
        }
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
