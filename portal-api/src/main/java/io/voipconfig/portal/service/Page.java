package io.voipconfig.portal.service;

import java.util.List;
import java.util.function.Function;

/** One page of a list and where it stands in the whole. */
public record Page<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

    public static <T> Page<T> of(List<T> items, PageRequest request, long total) {
        return new Page<>(items, request.page(), request.size(), total, (total + request.size() - 1) / request.size());
    }

    /** The same page with each item mapped (a model page as DTOs). */
    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, totalItems, totalPages);
    }
}
