package io.voipconfig.portal.service;

import java.util.Locale;
import java.util.Map;

import io.voipconfig.portal.problem.ApiException;

/**
 * A validated page of a list: {@code page} from 0, {@code size} 1–{@value #MAX_SIZE}, {@code sort} as
 * {@code field} or {@code field,asc|desc} over the fields a list allows.
 *
 * @param orderBy SQL for the ORDER BY clause, with a unique tie-breaker so pages never overlap
 */
public record PageRequest(int page, int size, String orderBy) {

    public static final int MAX_SIZE = 500;
    public static final int DEFAULT_SIZE = 50;

    /**
     * @param sortable API field → SQL column
     * @param tieBreaker unique SQL column appended to every order
     */
    public static PageRequest of(Integer page, Integer size, String sort, Map<String, String> sortable,
            String defaultSort, String tieBreaker) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            throw ApiException.invalid("page", "must be 0 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw ApiException.invalid("size", "must be between 1 and " + MAX_SIZE);
        }
        String spec = sort == null || sort.isBlank() ? defaultSort : sort.strip();
        String[] parts = spec.split(",");
        String column = sortable.get(parts[0].strip());
        if (column == null || parts.length > 2) {
            throw ApiException.invalid("sort", "sort by one of " + String.join(", ", sortable.keySet().stream()
                    .sorted().toList()) + ", optionally followed by ',asc' or ',desc'");
        }
        String direction = parts.length == 2 ? parts[1].strip().toLowerCase(Locale.ROOT) : "asc";
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw ApiException.invalid("sort", "direction must be 'asc' or 'desc'");
        }
        String order = column + " " + direction
                + (column.equals(tieBreaker) ? "" : ", " + tieBreaker + " " + direction);
        return new PageRequest(p, s, order);
    }

    public long offset() {
        return (long) page * size;
    }

    public String sql() {
        return " ORDER BY " + orderBy + " LIMIT " + size + " OFFSET " + offset();
    }
}
