package io.voipconfig.common.phone;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.voipconfig.common.render.UpdateSchedule;

/**
 * What the phone-facing services need of an organization, with its secrets decrypted (in memory only).
 *
 * @param partnerId the partner the organization belongs to
 * @param provisioningHost the partner's own provisioning host name; null when its phones use the installation's
 * @param credentialsGeneration increases with every change of {@code username} or {@code password}
 * @param previous the credentials before the current ones while they are still accepted; null when there are none
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
        int credentialsGeneration,
        PreviousCredentials previous,
        AuthMode authMode,
        boolean encryptionEnabled,
        String encryptionKey,
        String caCertificate,
        Map<String, String> settings,
        long version,
        UpdateSchedule schedule) {

    /** The set of provisioning credentials a rotation replaced, accepted until {@code until}. */
    public record PreviousCredentials(String username, String password, Instant until) {

        @Override
        public String toString() {
            return "PreviousCredentials[until " + until + "]"; // never the password
        }
    }

    /** An organization whose credentials never changed: what portal-api's preview renders from. */
    public OrgView(UUID id, String slug, String name, UUID partnerId, String provisioningHost, String username,
            String password, AuthMode authMode, boolean encryptionEnabled, String encryptionKey, String caCertificate,
            Map<String, String> settings, long version, UpdateSchedule schedule) {
        this(id, slug, name, partnerId, provisioningHost, username, password, 1, null, authMode, encryptionEnabled,
                encryptionKey, caCertificate, settings, version, schedule);
    }

    /** This organization under its partner's current host name (itself when that has not changed). */
    public OrgView withProvisioningHost(String host) {
        return Objects.equals(host, provisioningHost)
                ? this
                : new OrgView(id, slug, name, partnerId, host, username, password, credentialsGeneration, previous,
                        authMode, encryptionEnabled, encryptionKey, caCertificate, settings, version, schedule);
    }

    /** The previous credentials if they are still accepted at {@code now}. */
    public Optional<PreviousCredentials> previousAt(Instant now) {
        return Optional.ofNullable(previous).filter(p -> now.isBefore(p.until()));
    }

    @Override
    public String toString() {
        return "OrgView[" + slug + " " + id + "]"; // never the password or key
    }
}
