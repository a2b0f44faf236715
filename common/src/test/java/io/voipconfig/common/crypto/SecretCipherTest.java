package io.voipconfig.common.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String CTX = "organization/7f2c/provisioning-password";

    @Test
    void roundTripsAndNeverRepeatsCipherText() {
        SecretCipher c = SecretCipher.fromBase64Keys("k1", Map.of("k1", K1));
        String a = c.encrypt("s3cret-Pässword", CTX);
        String b = c.encrypt("s3cret-Pässword", CTX);
        assertThat(a).startsWith("v1:k1:").isNotEqualTo(b).doesNotContain("s3cret");
        assertThat(c.decrypt(a, CTX)).isEqualTo("s3cret-Pässword");
        assertThat(c.decrypt(b, CTX)).isEqualTo("s3cret-Pässword");
    }

    @Test
    void tokenIsStandardAesGcmOverIvCipherTextAndTag() {
        // Reference behaviour: the token decodes with the plain primitive and the documented associated data.
        SecretCipher c = SecretCipher.fromBase64Keys("k2", Map.of("k2", K2));
        String token = c.encrypt("hello", CTX);
        byte[] blob = Base64.getUrlDecoder().decode(token.substring("v1:k2:".length()));
        byte[] iv = Arrays.copyOf(blob, 12);
        byte[] ct = Arrays.copyOfRange(blob, 12, blob.length);
        byte[] plain = AesGcm.decrypt(Base64.getDecoder().decode(K2), iv,
                ("v1:k2:" + CTX).getBytes(StandardCharsets.UTF_8), ct);
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(HexFormat.of().formatHex(ct)).hasSize((5 + 16) * 2);
    }

    @Test
    void oldKeysStillDecryptAfterRotationAndAreFlagged() {
        SecretCipher before = SecretCipher.fromBase64Keys("k1", Map.of("k1", K1));
        String old = before.encrypt("pw", CTX);
        SecretCipher after = SecretCipher.fromBase64Keys("k2", Map.of("k1", K1, "k2", K2));
        assertThat(after.decrypt(old, CTX)).isEqualTo("pw");
        assertThat(after.needsRotation(old)).isTrue();
        String fresh = after.encrypt("pw", CTX);
        assertThat(SecretCipher.keyIdOf(fresh)).isEqualTo("k2");
        assertThat(after.needsRotation(fresh)).isFalse();
    }

    @Test
    void aTokenMovedToAnotherContextDoesNotDecrypt() {
        SecretCipher c = SecretCipher.fromBase64Keys("k1", Map.of("k1", K1));
        String token = c.encrypt("pw", "organization/A/provisioning-password");
        assertThatThrownBy(() -> c.decrypt(token, "organization/B/provisioning-password"))
                .isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void unknownKeyAndGarbageGiveClearErrors() {
        SecretCipher c = SecretCipher.fromBase64Keys("k1", Map.of("k1", K1));
        assertThatThrownBy(() -> c.decrypt("v1:gone:AAAA", CTX))
                .hasMessageContaining("'gone', which is not configured");
        assertThatThrownBy(() -> c.decrypt("plaintext", CTX)).hasMessageContaining("not a secret token");
        assertThatThrownBy(() -> c.decrypt("v1:k1:AAAA", CTX)).hasMessageContaining("too short");
        assertThatThrownBy(() -> c.decrypt("v1:k1:!!!", CTX)).hasMessageContaining("base64url");
    }

    @Test
    void configurationSpecListsKeysById() {
        SecretCipher c = SecretCipher.fromSpec("k2", "k1:" + K1 + ", k2:" + K2);
        assertThat(SecretCipher.keyIdOf(c.encrypt("x", CTX))).isEqualTo("k2");
        assertThatThrownBy(() -> SecretCipher.fromSpec("k1", "")).hasMessageContaining("no secret keys");
        assertThatThrownBy(() -> SecretCipher.fromSpec("k1", K1)).hasMessageContaining("<keyId>:<base64 key>");
    }

    @Test
    void badConfigurationIsRefused() {
        assertThatThrownBy(() -> SecretCipher.fromBase64Keys("k9", Map.of("k1", K1)))
                .hasMessageContaining("active secret key id 'k9'");
        assertThatThrownBy(() -> SecretCipher.fromBase64Keys("k1", Map.of("k1", "c2hvcnQ=")))
                .hasMessageContaining("16, 24 or 32 bytes");
        assertThatThrownBy(() -> SecretCipher.fromBase64Keys("bad:id", Map.of("bad:id", K1)))
                .hasMessageContaining("must match");
    }

    /**
     * The derived key is HMAC-SHA256 of {@code voipconfig/<purpose>} under the active key; the expected value was
     * computed by an independent implementation: {@code printf voipconfig/file-fingerprint | openssl dgst -sha256 -mac
     * HMAC -macopt hexkey:<hex of K2>}.
     */
    @Test
    void derivedKeysAreHmacOfThePurposeUnderTheActiveKey() {
        SecretCipher cipher = SecretCipher.fromBase64Keys("k2", Map.of("k1", K1, "k2", K2));
        assertThat(HexFormat.of().formatHex(cipher.derivedKey("file-fingerprint")))
                .isEqualTo("7fb1dc515efc53c451666f4c80b3c4e944962e6be8dee415d0ee8c09d73797c7");
        assertThat(cipher.derivedKey("another-purpose")).isNotEqualTo(cipher.derivedKey("file-fingerprint"));
        assertThat(SecretCipher.fromBase64Keys("k1", Map.of("k1", K1, "k2", K2)).derivedKey("file-fingerprint"))
                .as("another active key, another derived key").isNotEqualTo(cipher.derivedKey("file-fingerprint"));
    }
}
