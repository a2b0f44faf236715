package io.voipconfig.portal.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.voipconfig.portal.service.DeviceQuotaService;

/** An organization's device limit: what its partner set ({@link Input}) and how much of it is used. */
public final class DeviceQuotaDto {

    private DeviceQuotaDto() {
    }

    @Schema(name = "DeviceQuota", description = "How many devices the organization may have and has.")
    public record DeviceQuota(
            @Schema(description = "At most this many devices; null: no limit of its own (its partner's still applies)", example = "250") Integer maxDevices,
            @Schema(description = "Its devices now; may exceed a limit lowered below it (no new device is accepted then)", example = "212") long devices) {

        public static DeviceQuota of(DeviceQuotaService.Usage usage) {
            return new DeviceQuota(usage.maxDevices(), usage.devices());
        }
    }

    @Schema(name = "DeviceQuotaInput", description = "The organization's device limit, set by its partner or the operator.")
    public record Input(
            @Schema(description = "0 or more; null removes the organization's own limit", example = "250") Integer maxDevices) {
    }
}
