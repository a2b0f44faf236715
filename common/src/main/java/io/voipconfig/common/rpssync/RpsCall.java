package io.voipconfig.common.rpssync;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One call to RPS, for one device when it named several (a row of {@code rps_history}); never holds a secret.
 *
 * @param occurredAt when the call was made, ISO-8601 with offset
 * @param operation RPS's operation, e.g. {@code device/add}
 * @param organizationId the organization it was made for; null for account-wide listings
 * @param mac the device it was made for (canonical MAC), if any
 * @param target what it was about: a server, a batch, a MAC prefix, a page of a listing
 * @param outcome {@code PENDING} (not answered yet), {@code OK}, {@code REFUSED}, {@code CONFLICT} or {@code TRANSIENT}
 * @param error RPS's error key (and what it named), or the failure's reason, when it did not succeed
 * @param durationMs how long RPS took to answer
 * @param attempt which attempt at the event this call was
 * @param eventId the inventory event it was made for, if any
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RpsCall(
        String occurredAt,
        String operation,
        UUID organizationId,
        String mac,
        String target,
        String outcome,
        String error,
        int durationMs,
        int attempt,
        UUID eventId) {
}
