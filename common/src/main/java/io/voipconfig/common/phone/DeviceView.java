package io.voipconfig.common.phone;

import java.util.Map;
import java.util.UUID;

import io.voipconfig.common.mac.MacAddress;

/** A device as the phone-facing services see it. */
public record DeviceView(
        MacAddress mac,
        UUID organizationId,
        String model,
        String label,
        Map<String, String> settings,
        String wallpaper,
        String ringtone,
        long version) {
}
