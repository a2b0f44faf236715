package io.voipconfig.rps.service;

/** Where an organization's server or a device stands at RPS ({@code rps_server_state}, {@code rps_device_state}). */
public enum SyncStatus {
    /** Not mirrored yet (or to be added again). */
    PENDING,
    /** RPS has it as the database says. */
    SYNCED,
    /** RPS has it in another enterprise's account (a MAC) or under a name another enterprise holds (a server). */
    CONFLICT,
    /** RPS refused it for good, or every attempt failed; the last error says why. */
    FAILED,
    /** Removed from RPS. */
    DELETED
}
