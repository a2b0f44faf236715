package io.voipconfig.common.rpssync;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What a reconciliation of RPS with the database found and did ({@code POST /internal/v1/reconcile}, and
 * {@code POST /internal/v1/organizations/{id}/resync} for one organization).
 *
 * @param dryRun true when the changes were only reported, not made
 * @param started when the run began
 * @param durationMs how long the run took
 * @param serversSeen how many of our servers RPS listed
 * @param devicesSeen how many devices RPS listed
 * @param changes the repairs, in the order they were made
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReconciliationReport(
        boolean dryRun,
        Instant started,
        long durationMs,
        int serversSeen,
        int devicesSeen,
        List<ReconciliationChange> changes) {
}
