package io.voipconfig.common.crypto;

import java.util.UUID;

import io.voipconfig.common.mac.MacAddress;

/**
 * The associated data each stored secret is encrypted under ({@link SecretCipher}): it binds a token to its row and
 * column, so a token copied elsewhere does not decrypt. Every writer and reader of a secret names its context here, so
 * the writer (portal-api) and the readers (the phone-facing services, rps-sync-service) cannot drift apart.
 */
public final class SecretContexts {

    private SecretContexts() {
    }

    /** {@code organization.provisioning_password_enc}. */
    public static String provisioningPassword(UUID organizationId) {
        return "organization/" + organizationId + "/provisioning-password";
    }

    /** {@code organization.encryption_key_enc}: the key of the organization's encrypted configuration files. */
    public static String encryptionKey(UUID organizationId) {
        return "organization/" + organizationId + "/encryption-key";
    }

    /** {@code sip_account.password_enc}. */
    public static String sipPassword(MacAddress mac, int accountIndex) {
        return "device/" + mac.value() + "/account/" + accountIndex + "/password";
    }
}
