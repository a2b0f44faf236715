package io.voipconfig.portal.repository;

import java.util.Optional;
import java.util.UUID;

/** Small pieces of query building shared by the repositories. */
public final class Refs {

    private Refs() {
    }

    /** A UUID when {@code s} is one in canonical form; empty otherwise (a slug, a name). */
    public static Optional<UUID> uuid(String s) {
        if (s == null || s.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A LIKE pattern matching {@code needle} anywhere, its own % and _ taken literally. */
    public static String like(String needle) {
        return "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
