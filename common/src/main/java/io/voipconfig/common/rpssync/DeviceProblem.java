package io.voipconfig.common.rpssync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A device RPS would not take: in conflict (owned by another enterprise) or failed.
 *
 * @param mac canonical MAC, 12 lower-case hex digits
 * @param status {@code CONFLICT} or {@code FAILED}
 * @param error RPS's error text; the text {@code "null"} when none was recorded
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceProblem(
        String mac,
        String status,
        String error) {
}
