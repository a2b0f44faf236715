package io.voipconfig.common.event;

/**
 * State carried by organization events.
 *
 * @param provisioningPasswordEncrypted the provisioning password as a {@code SecretCipher} token (RPS needs it)
 */
public record OrganizationState(
        String id,
        String slug,
        String name,
        String provisioningUsername,
        String provisioningPasswordEncrypted,
        String authMode,
        boolean encryptionEnabled) {
}
