package io.voipconfig.common.phoneauth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** What a phone sent in its {@code Authorization} header. */
public sealed interface PhoneCredentials {

    String username();

    /** {@code Basic base64(user:password)} (RFC 7617). */
    record Basic(String username, String password) implements PhoneCredentials {

        @Override
        public String toString() {
            return "Basic[" + username + "]"; // never the password
        }
    }

    /** {@code Digest ...} (RFC 7616) with {@code qop=auth}. */
    record Digest(
            String username,
            String realm,
            String nonce,
            String uri,
            String response,
            String algorithm,
            String qop,
            String nc,
            String cnonce,
            String opaque) implements PhoneCredentials {
    }

    /**
     * Parses the header; empty when absent or malformed (the caller answers 401 with a challenge). Digest without
     * {@code qop=auth}, {@code nc} or {@code cnonce} (the RFC 2069 form) is refused: it cannot be protected against
     * replay.
     */
    static Optional<PhoneCredentials> parse(String header) {
        if (header == null || header.length() > AuthParams.MAX_HEADER_LENGTH) {
            return Optional.empty();
        }
        String h = header.strip();
        if (h.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(h.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon <= 0) {
                    return Optional.empty();
                }
                return Optional.of(new Basic(decoded.substring(0, colon), decoded.substring(colon + 1)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        if (h.regionMatches(true, 0, "Digest ", 0, 7)) {
            Optional<Map<String, String>> params = AuthParams.parse(h.substring(7));
            if (params.isEmpty()) {
                return Optional.empty();
            }
            Map<String, String> p = params.get();
            String algorithm = p.getOrDefault("algorithm", "MD5");
            if (!p.containsKey("username") || !p.containsKey("realm") || !p.containsKey("nonce")
                    || !p.containsKey("uri") || !p.containsKey("response") || !"auth".equals(p.get("qop"))
                    || !p.containsKey("nc") || !isNonceCount(p.get("nc")) || !p.containsKey("cnonce")
                    || DigestAlgorithm.of(algorithm).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Digest(p.get("username"), p.get("realm"), p.get("nonce"), p.get("uri"),
                    p.get("response"), algorithm, p.get("qop"), p.get("nc"), p.get("cnonce"), p.get("opaque")));
        }
        return Optional.empty();
    }

    /** Eight hex digits (checked by hand: this runs on every Digest request). */
    private static boolean isNonceCount(String nc) {
        if (nc.length() != 8) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            if (Character.digit(nc.charAt(i), 16) < 0 || nc.charAt(i) > 'f') {
                return false;
            }
        }
        return true;
    }
}
