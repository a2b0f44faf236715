package io.voipconfig.common.crypto;

import java.security.GeneralSecurityException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-GCM with a 96-bit IV and a 128-bit tag (NIST SP 800-38D); the primitive under {@link SecretCipher}. */
public final class AesGcm {

    public static final int IV_BYTES = 12;
    public static final int TAG_BITS = 128;

    private AesGcm() {
    }

    /** Returns ciphertext followed by the 16-byte tag. */
    public static byte[] encrypt(byte[] key, byte[] iv, byte[] aad, byte[] plaintext) {
        return run(Cipher.ENCRYPT_MODE, key, iv, aad, plaintext);
    }

    /** Takes ciphertext followed by the tag; throws {@link SecretDecryptionException} if anything was altered. */
    public static byte[] decrypt(byte[] key, byte[] iv, byte[] aad, byte[] ciphertextAndTag) {
        return run(Cipher.DECRYPT_MODE, key, iv, aad, ciphertextAndTag);
    }

    private static byte[] run(int mode, byte[] key, byte[] iv, byte[] aad, byte[] input) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            if (aad != null && aad.length > 0) {
                c.updateAAD(aad);
            }
            return c.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new SecretDecryptionException("secret does not authenticate (wrong key, context or altered data)");
        } catch (GeneralSecurityException e) {
            throw new SecretDecryptionException("AES-GCM failed: " + e.getMessage());
        }
    }
}
