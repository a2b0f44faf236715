package io.voipconfig.common.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.voipconfig.common.mac.MacAddress;

/**
 * The contexts are part of every stored secret: changing one makes every secret stored under it unreadable. These are
 * the exact strings stored data was encrypted under.
 */
class SecretContextsTest {

    static final UUID ORG = UUID.fromString("a0000000-0000-4000-8000-0000000000ac");

    @Test
    void theContextsStoredSecretsWereEncryptedUnder() {
        assertThat(SecretContexts.provisioningPassword(ORG))
                .isEqualTo("organization/a0000000-0000-4000-8000-0000000000ac/provisioning-password");
        assertThat(SecretContexts.encryptionKey(ORG))
                .isEqualTo("organization/a0000000-0000-4000-8000-0000000000ac/encryption-key");
        assertThat(SecretContexts.sipPassword(MacAddress.parse("00:15:65:A0:C0:01"), 2))
                .isEqualTo("device/001565a0c001/account/2/password");
    }
}
