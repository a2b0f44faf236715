package io.voipconfig.common.phone;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.voipconfig.common.render.UpdateSchedule;

/**
 * What the phone-facing services need of an organization, with its secrets decrypted (in memory only).
 *
 * @param partnerId the partner the organization belongs to
 * @param provisioningHost the partner's own provisioning host name; null when its phones use the installation's
 * @param encryptionKey the 16-character AES key of its encrypted config files, null when encryption is off
 * @param schedule when its phones check for changes (the platform default unless it chose one)
 */
public record OrgView(
        UUID id,
        String slug,
        String name,
        UUID partnerId,
        String provisioningHost,
        String username,
        String password,
        AuthMode authMode,
        boolean encryptionEnabled,
        String encryptionKey,
        String caCertificate,
        Map<String, String> settings,
        long version,
        UpdateSchedule schedule) {

    /** This organization under its partner's current host name (itself when that has not changed). */
    public OrgView withProvisioningHost(String host) {
        return Objects.equals(host, provisioningHost)
                ? this
                : new OrgView(id, slug, name, partnerId, host, username, password, authMode, encryptionEnabled,
                        encryptionKey, caCertificate, settings, version, schedule);
    }

    @Override
    public String toString() {
        return "OrgView[" + slug + " " + id + "]"; // never the password or key
    }
}
