package io.voipconfig.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The local secret-encryption key and Digest nonce key, created once per data directory (so the demo data stays
 * decryptable across runs).
 */
record LocalKeys(String active, String keys, String nonceKey) {

    static LocalKeys loadOrCreate(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
        }
        boolean changed = false;
        if (p.getProperty("keys") == null) {
            p.setProperty("active", "local1");
            p.setProperty("keys", "local1:" + randomBase64());
            changed = true;
        }
        if (p.getProperty("nonce-key") == null) {
            p.setProperty("nonce-key", randomBase64());
            changed = true;
        }
        if (changed) {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                p.store(out, "Local-run keys: secret encryption (VOIPCONFIG_SECRETS_*), Digest nonces"
                        + " (VOIPCONFIG_PHONE_AUTH_NONCE_KEY)");
            }
        }
        return new LocalKeys(p.getProperty("active"), p.getProperty("keys"), p.getProperty("nonce-key"));
    }

    private static String randomBase64() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
