package io.voipconfig.portal.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.voipconfig.common.crypto.SecretCipher;

/**
 * What the API shows instead of a file's MD5: a keyed fingerprint of it (HMAC-SHA256 under a key derived from the
 * installation's secret key, 128 bits in hex). Equal files have equal fingerprints, so "delivered = current" still
 * reads at a glance; but the MD5 of a file with secrets would let anyone who sees the masked preview confirm a guessed
 * password offline (put the guess into the masked text, hash, compare), and the fingerprint cannot be recomputed
 * without the key.
 */
@ApplicationScoped
public class Fingerprints {

    private final SecretKeySpec key;

    public Fingerprints(SecretCipher cipher) {
        this.key = new SecretKeySpec(cipher.derivedKey("file-fingerprint"), "HmacSHA256");
    }

    /** Null for null (nothing delivered). */
    public String of(String md5) {
        if (md5 == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] tag = mac.doFinal(md5.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(tag, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
