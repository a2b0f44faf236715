package io.voipconfig.common.rpssync;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One repair of a reconciliation, made or (in a dry run) to be made.
 *
 * @param action what is (to be) done at RPS: {@code add server}, {@code edit server} (its URL), {@code add device},
 *        {@code move device} (to its organization's server), {@code remove device} (from one of our servers), or
 *        {@code adopt device} (RPS has it where it belongs while our state said {@code FAILED}: recorded as synced,
 *        no call); the constants below
 * @param organizationId the organization it is for (for a removal: the organization of the server it is on)
 * @param target the server's name or the device's MAC
 * @param outcome {@code OK}, {@code dry run}, {@code refused: <RPS's error key>} or {@code failed: <reason>}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReconciliationChange(
        String action,
        UUID organizationId,
        String target,
        String outcome) {

    public static final String ADD_SERVER = "add server";
    public static final String EDIT_SERVER = "edit server";
    public static final String ADD_DEVICE = "add device";
    public static final String MOVE_DEVICE = "move device";
    public static final String REMOVE_DEVICE = "remove device";
    public static final String ADOPT_DEVICE = "adopt device";
    /** The outcome of every change of a dry run. */
    public static final String DRY_RUN = "dry run";
}
