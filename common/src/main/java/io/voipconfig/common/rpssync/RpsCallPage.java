package io.voipconfig.common.rpssync;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A page of the RPS calls made, newest first ({@code GET /internal/v1/history}).
 *
 * @param items the calls on this page
 * @param page zero-based page number
 * @param size most calls per page
 * @param totalItems how many calls match the filters, over all pages
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RpsCallPage(
        List<RpsCall> items,
        int page,
        int size,
        long totalItems) {
}
