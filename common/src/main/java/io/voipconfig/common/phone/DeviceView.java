package io.voipconfig.common.phone;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.voipconfig.common.mac.MacAddress;

/**
 * A device as the phone-facing services see it.
 *
 * @param movedFrom after a move, the organization it came from and until when that organization's credentials are
 *        accepted for this MAC; null otherwise
 * @param usedCredentials the newest credentials the device authenticated with; null when none is known
 */
public record DeviceView(
        MacAddress mac,
        UUID organizationId,
        String model,
        String label,
        Map<String, String> settings,
        String wallpaper,
        String ringtone,
        long version,
        MovedFrom movedFrom,
        UsedCredentials usedCredentials) {

    /** The organization a device was moved away from, and until when the phone may still use its credentials. */
    public record MovedFrom(UUID organizationId, Instant until) {
    }

    /** The device authenticated with this organization's credentials of this generation (or a later one). */
    public record UsedCredentials(UUID organizationId, int generation) {
    }

    /** A device without a move or known credentials: what portal-api's preview renders from. */
    public DeviceView(MacAddress mac, UUID organizationId, String model, String label, Map<String, String> settings,
            String wallpaper, String ringtone, long version) {
        this(mac, organizationId, model, label, settings, wallpaper, ringtone, version, null, null);
    }

    /** Whether the device has authenticated with {@code org}'s current credentials. */
    public boolean usesCurrentCredentials(OrgView org) {
        return usedCredentials != null && usedCredentials.organizationId().equals(org.id())
                && usedCredentials.generation() >= org.credentialsGeneration();
    }

    /** Whether the device has authenticated with any credentials of the organization it is in now. */
    public boolean usesOwnOrganizationsCredentials() {
        return usedCredentials != null && usedCredentials.organizationId().equals(organizationId);
    }

    /** The organization whose credentials the phone may still hold after a move, while they are accepted. */
    public Optional<UUID> movedFromAt(Instant now) {
        return Optional.ofNullable(movedFrom).filter(m -> m.organizationId() != null && now.isBefore(m.until()))
                .map(MovedFrom::organizationId);
    }

    public DeviceView withUsedCredentials(UsedCredentials used) {
        return new DeviceView(mac, organizationId, model, label, settings, wallpaper, ringtone, version, movedFrom,
                used);
    }
}
