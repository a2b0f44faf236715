package io.voipconfig.portal.model;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One device as the fleet view shows it beside its configuration: when and how the phone last asked, whether it has
 * the current configuration, and its RPS state.
 *
 * @param upToDate null while the phone has never received its own configuration file; false while a change of its
 *        organization or of the device is newer than the file it last received (pending), true otherwise
 * @param rpsStatus null when rps-sync-service has not mirrored the device yet
 */
public record FleetState(
        OffsetDateTime lastSeenAt,
        String lastIp,
        String firmware,
        String lastOutcome,
        Boolean upToDate,
        String rpsStatus,
        String rpsError) {

    /** The fleet view's filters; null means "any". */
    public record Filter(
            String q,
            String model,
            String firmware,
            OffsetDateTime seenAfter,
            OffsetDateTime seenBefore,
            Boolean neverSeen,
            Boolean pending,
            String outcome,
            String rpsStatus,
            Long phonebookId) {
    }

    /** An organization's fleet at a glance (the organization list). */
    public record Counts(
            long devices,
            long seenLastDay,
            long neverSeen,
            long pending,
            long wrongCredentials,
            long rpsConflicts) {

        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0);
    }

    /** A device found by MAC across organizations, with where it is. */
    public record Found(
            String mac,
            String model,
            String label,
            UUID organizationId,
            String organizationSlug,
            String organizationName,
            OffsetDateTime lastSeenAt) {
    }

    /** A device with its fleet state, as the list answers it. */
    public record Item(Device device, FleetState state) {
    }
}
