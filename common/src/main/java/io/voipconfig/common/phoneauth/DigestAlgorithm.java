package io.voipconfig.common.phoneauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** The Digest hash algorithms we accept (RFC 7616 §3.3; the {@code -sess} variants are not offered). */
public enum DigestAlgorithm {

    MD5("MD5", "MD5"),
    SHA_256("SHA-256", "SHA-256");

    private final String headerName;
    private final ThreadLocal<MessageDigest> digests;

    DigestAlgorithm(String headerName, String jcaName) {
        this.headerName = headerName;
        this.digests = ThreadLocal.withInitial(() -> {
            try {
                return MessageDigest.getInstance(jcaName);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public String headerName() {
        return headerName;
    }

    public static Optional<DigestAlgorithm> of(String name) {
        String n = name == null ? "" : name.toUpperCase(Locale.ROOT);
        for (DigestAlgorithm a : values()) {
            if (a.headerName.equals(n)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Lower-case hex of the hash of the UTF-8 bytes. */
    public String hex(String s) {
        MessageDigest md = digests.get(); // one per thread: getInstance is a provider lookup
        return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
