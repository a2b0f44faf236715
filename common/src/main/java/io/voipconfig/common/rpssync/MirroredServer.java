package io.voipconfig.common.rpssync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The RPS server an organization is mirrored to, as rps-sync-service last left it.
 *
 * @param name the server's name at RPS
 * @param rpsServerId RPS's id of the server; null while RPS has none
 * @param status {@code PENDING}, {@code SYNCED}, {@code CONFLICT}, {@code FAILED} or {@code DELETED}
 * @param appliedVersion the organization's version last applied to the server
 * @param lastError RPS's error text of the last failure, if any
 * @param updatedAt when this last changed, ISO-8601 with offset
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MirroredServer(
        String name,
        String rpsServerId,
        String status,
        long appliedVersion,
        String lastError,
        String updatedAt) {
}
