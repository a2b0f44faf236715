package io.voipconfig.common.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest (SIP passwords, provisioning passwords) with AES-GCM.
 *
 * <p>Token form: {@code v1:<keyId>:<base64url(iv || ciphertext || tag)>}. The key id travels with the cipher text
 * so that keys can rotate: new secrets use the active key, old ones still decrypt with the key they name, and
 * {@link #needsRotation(String)} tells which to re-encrypt. The associated data binds a token to its place
 * ({@code v1:<keyId>:<context>}, e.g. context {@code organization/<id>/provisioning-password}), so a token copied
 * into another row or organization does not decrypt.
 */
public final class SecretCipher {

    private static final String VERSION = "v1";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String activeKeyId;
    private final Map<String, byte[]> keys;

    /**
     * @param activeKeyId the key new secrets are encrypted with
     * @param keys key id → raw AES key (16, 24 or 32 bytes)
     */
    public SecretCipher(String activeKeyId, Map<String, byte[]> keys) {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("secret key id '" + id + "' must match " + KEY_ID.pattern());
            }
            if (key.length != 16 && key.length != 24 && key.length != 32) {
                throw new IllegalArgumentException(
                        "secret key '" + id + "' must be 16, 24 or 32 bytes, not " + key.length);
            }
            copy.put(id, key.clone());
        });
        if (!copy.containsKey(activeKeyId)) {
            throw new IllegalArgumentException(
                    "active secret key id '" + activeKeyId + "' is not among the configured keys");
        }
        this.activeKeyId = activeKeyId;
        this.keys = Collections.unmodifiableMap(copy);
    }

    /** Keys given as base64 strings, as they come from configuration. */
    public static SecretCipher fromBase64Keys(String activeKeyId, Map<String, String> base64Keys) {
        Map<String, byte[]> raw = new LinkedHashMap<>();
        base64Keys.forEach((id, b64) -> {
            try {
                raw.put(id, Base64.getDecoder().decode(b64.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("secret key '" + id + "' is not valid base64");
            }
        });
        return new SecretCipher(activeKeyId, raw);
    }

    /**
     * The configuration form: {@code keys} is a comma-separated list of {@code <keyId>:<base64 key>}, e.g.
     * {@code 2026a:q83v...=,2025b:Zm9v...=} (env {@code VOIPCONFIG_SECRETS_KEYS}), {@code active} the key id new
     * secrets use (env {@code VOIPCONFIG_SECRETS_ACTIVE_KEY}).
     */
    public static SecretCipher fromSpec(String active, String keys) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String entry : keys == null ? new String[0] : keys.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("secret keys must be '<keyId>:<base64 key>' separated by commas");
            }
            parsed.put(entry.substring(0, colon).strip(), entry.substring(colon + 1));
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("no secret keys configured (voipconfig.secrets.keys)");
        }
        return fromBase64Keys(active == null ? "" : active.strip(), parsed);
    }

    public String encrypt(String plaintext, String context) {
        byte[] iv = new byte[AesGcm.IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] ct = AesGcm.encrypt(keys.get(activeKeyId), iv, aad(activeKeyId, context),
                plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] blob = new byte[iv.length + ct.length];
        System.arraycopy(iv, 0, blob, 0, iv.length);
        System.arraycopy(ct, 0, blob, iv.length, ct.length);
        return VERSION + ":" + activeKeyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(blob);
    }

    public String decrypt(String token, String context) {
        String[] parts = split(token);
        byte[] key = keys.get(parts[1]);
        if (key == null) {
            throw new SecretDecryptionException(
                    "secret was encrypted with key '" + parts[1] + "', which is not configured");
        }
        byte[] blob;
        try {
            blob = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new SecretDecryptionException("secret token is not valid base64url");
        }
        if (blob.length < AesGcm.IV_BYTES + AesGcm.TAG_BITS / 8) {
            throw new SecretDecryptionException("secret token is too short");
        }
        byte[] iv = Arrays.copyOfRange(blob, 0, AesGcm.IV_BYTES);
        byte[] ct = Arrays.copyOfRange(blob, AesGcm.IV_BYTES, blob.length);
        return new String(AesGcm.decrypt(key, iv, aad(parts[1], context), ct), StandardCharsets.UTF_8);
    }

    /**
     * A key for {@code purpose} derived from the active key (HMAC-SHA256 of the purpose under it): the same on every
     * replica that shares the keys, never the key itself, and different for every purpose.
     */
    public byte[] derivedKey(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.get(activeKeyId), "HmacSHA256"));
            return mac.doFinal(("voipconfig/" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The key id a token was encrypted with. */
    public static String keyIdOf(String token) {
        return split(token)[1];
    }

    /** True when the token was not encrypted with the active key and should be re-encrypted. */
    public boolean needsRotation(String token) {
        return !activeKeyId.equals(keyIdOf(token));
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    private static String[] split(String token) {
        String[] parts = token == null ? new String[0] : token.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0]) || !KEY_ID.matcher(parts[1]).matches()) {
            throw new SecretDecryptionException("not a secret token of the form v1:<keyId>:<data>");
        }
        return parts;
    }

    private static byte[] aad(String keyId, String context) {
        return (VERSION + ":" + keyId + ":" + (context == null ? "" : context)).getBytes(StandardCharsets.UTF_8);
    }
}
