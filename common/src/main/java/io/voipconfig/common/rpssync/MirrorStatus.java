package io.voipconfig.common.rpssync;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An organization's mirror at RPS ({@code GET /internal/v1/organizations/{id}/status}).
 *
 * @param server the organization's RPS server; left out of the JSON (not null) while none is recorded
 * @param devices how many of its devices are in each status ({@code SYNCED}, {@code CONFLICT} …)
 * @param problems its devices in {@code CONFLICT} or {@code FAILED}, by MAC, at most 500
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MirrorStatus(
        @JsonInclude(JsonInclude.Include.NON_NULL) MirroredServer server,
        Map<String, Long> devices,
        List<DeviceProblem> problems) {
}
