package io.voipconfig.portal.rest;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.voipconfig.portal.problem.ApiException;

/** Typed query parameters read strictly: a value that is not what it should be is a 400 naming the parameter. */
final class QueryParams {

    private QueryParams() {
    }

    /** ISO-8601 with an offset, or absent. */
    static OffsetDateTime time(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "an ISO-8601 time with offset, e.g. 2026-11-24T08:00:00Z");
        }
    }

    /** {@code true} or {@code false}, or absent. */
    static Boolean flag(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalid(field, "true or false");
        };
    }

    /** One of {@code allowed} (case-insensitive, answered upper-case), or absent. */
    static String oneOf(String field, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip().toUpperCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw ApiException.invalid(field, "one of " + String.join(", ", allowed));
        }
        return v;
    }

    /** A whole number (an id), or absent. */
    static Long id(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(field, "a number");
        }
    }

    /** A UUID, or absent. */
    static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "an id (UUID)");
        }
    }
}
