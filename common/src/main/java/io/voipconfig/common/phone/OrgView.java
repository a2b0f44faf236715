package io.voipconfig.common.phone;

import java.util.Map;
import java.util.UUID;

/**
 * What the phone-facing services need of an organization, with its secrets decrypted (in memory only).
 *
 * @param encryptionKey the 16-character AES key of its encrypted config files, null when encryption is off
 */
public record OrgView(
        UUID id,
        String slug,
        String name,
        String username,
        String password,
        AuthMode authMode,
        boolean encryptionEnabled,
        String encryptionKey,
        String caCertificate,
        Map<String, String> settings,
        long version) {

    @Override
    public String toString() {
        return "OrgView[" + slug + " " + id + "]"; // never the password or key
    }
}
