package io.voipconfig.common.rpssync;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One repair of a reconciliation, made or (in a dry run) to be made.
 *
 * @param action {@code add server}, {@code add device}, {@code move device} or {@code remove device}
 * @param organizationId the organization it is for
 * @param target the server name or the device's MAC
 * @param outcome {@code OK}, {@code dry run}, {@code refused: <RPS's error key>} or {@code failed: <reason>}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReconciliationChange(
        String action,
        UUID organizationId,
        String target,
        String outcome) {
}
