package io.voipconfig.common.render;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Yealink's encrypted configuration files, compatibility mode (docs/yealink.md §2.8): the file is AES-128-ECB under
 * a 16-character key, its tail padded with spaces to a 16-byte multiple; {@code <name>_Security.enc} holds that key
 * encrypted with AES-128-ECB under the key built into the firmware.
 */
public final class YealinkEncryption {

    /** The fixed key of Yealink firmware and of its encryption tools. */
    static final byte[] FIRMWARE_KEY = "EKs35XacP6eybA25".getBytes(StandardCharsets.US_ASCII);
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private YealinkEncryption() {
    }

    /** The file body encrypted with {@code key} (16 ASCII characters). */
    public static byte[] encryptFile(byte[] plain, String key) {
        int padded = (plain.length + 15) / 16 * 16;
        byte[] input = Arrays.copyOf(plain, Math.max(padded, 16));
        Arrays.fill(input, plain.length, input.length, (byte) ' ');
        return aesEcb(Cipher.ENCRYPT_MODE, keyBytes(key), input);
    }

    /** The 16-byte {@code _Security.enc} for {@code key}. */
    public static byte[] securityFile(String key) {
        return aesEcb(Cipher.ENCRYPT_MODE, FIRMWARE_KEY, keyBytes(key));
    }

    /** A fresh key in the character set of Yealink's tools. */
    public static String newKey() {
        SecureRandom r = new SecureRandom();
        StringBuilder b = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            b.append(KEY_ALPHABET.charAt(r.nextInt(KEY_ALPHABET.length())));
        }
        return b.toString();
    }

    static byte[] aesEcb(int mode, byte[] key, byte[] input) {
        try {
            Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"));
            return c.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] keyBytes(String key) {
        byte[] k = key.getBytes(StandardCharsets.US_ASCII);
        if (k.length != 16) {
            throw new IllegalArgumentException("a Yealink AES key has 16 characters");
        }
        return k;
    }
}
