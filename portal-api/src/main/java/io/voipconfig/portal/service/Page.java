package io.voipconfig.portal.service;

import java.util.List;

/** One page of a list and where it stands in the whole. */
public record Page<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

    public static <T> Page<T> of(List<T> items, PageRequest request, long total) {
        return new Page<>(items, request.page(), request.size(), total, (total + request.size() - 1) / request.size());
    }
}
