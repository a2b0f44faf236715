package io.voipconfig.phonesim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client side of HTTP authentication as a phone does it: read the server's challenges, pick Digest (MD5 first, as
 * Yealink firmware does, then SHA-256) or Basic, and answer (RFC 7616 with {@code qop=auth}, a counting {@code nc}
 * per nonce; RFC 7617).
 */
public final class Digest {

    /** One challenge from a {@code WWW-Authenticate} header. */
    public record Challenge(String scheme, Map<String, String> params) {

        String param(String name) {
            return params.get(name);
        }
    }

    private Digest() {
    }

    /** Every challenge of the response's {@code WWW-Authenticate} headers. */
    public static List<Challenge> parse(List<String> headers) {
        List<Challenge> out = new ArrayList<>();
        for (String h : headers) {
            String s = h.strip();
            int sp = s.indexOf(' ');
            String scheme = (sp < 0 ? s : s.substring(0, sp)).toLowerCase(Locale.ROOT);
            Map<String, String> params = new LinkedHashMap<>();
            int i = sp < 0 ? s.length() : sp + 1;
            while (i < s.length()) {
                while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == ',')) {
                    i++;
                }
                int eq = s.indexOf('=', i);
                if (eq < 0) {
                    break;
                }
                String key = s.substring(i, eq).strip().toLowerCase(Locale.ROOT);
                i = eq + 1;
                String value;
                if (i < s.length() && s.charAt(i) == '"') {
                    StringBuilder v = new StringBuilder();
                    i++;
                    while (i < s.length() && s.charAt(i) != '"') {
                        if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                            i++;
                        }
                        v.append(s.charAt(i++));
                    }
                    i++;
                    value = v.toString();
                } else {
                    int end = s.indexOf(',', i);
                    value = s.substring(i, end < 0 ? s.length() : end).strip();
                    i = end < 0 ? s.length() : end;
                }
                params.put(key, value);
            }
            out.add(new Challenge(scheme, params));
        }
        return out;
    }

    /** Digest MD5, then Digest SHA-256, then Basic; null when none is offered. */
    public static Challenge choose(List<Challenge> challenges) {
        for (String algorithm : List.of("MD5", "SHA-256")) {
            for (Challenge c : challenges) {
                if (c.scheme().equals("digest")
                        && algorithm.equalsIgnoreCase(c.params().getOrDefault("algorithm", "MD5"))) {
                    return c;
                }
            }
        }
        return challenges.stream().filter(c -> c.scheme().equals("basic")).findFirst().orElse(null);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code Authorization} header for {@code method uri} with count {@code nc} of this challenge's nonce. */
    public static String authorization(Challenge c, String method, String uri, String user, String password, int nc) {
        return authorization(c, method, uri, user, password, nc, Long.toHexString(ThreadLocalRandom.current()
                .nextLong()));
    }

    static String authorization(Challenge c, String method, String uri, String user, String password, int nc,
            String cnonce) {
        if (c.scheme().equals("basic")) {
            return basic(user, password);
        }
        String algorithm = c.params().getOrDefault("algorithm", "MD5");
        String realm = c.param("realm");
        String nonce = c.param("nonce");
        String ncText = String.format("%08x", nc);
        String ha1 = h(algorithm, user + ":" + realm + ":" + password);
        String ha2 = h(algorithm, method + ":" + uri);
        String response = h(algorithm, ha1 + ":" + nonce + ":" + ncText + ":" + cnonce + ":auth:" + ha2);
        StringBuilder b = new StringBuilder("Digest username=\"").append(user).append("\", realm=\"").append(realm)
                .append("\", nonce=\"").append(nonce).append("\", uri=\"").append(uri).append("\", algorithm=")
                .append(algorithm).append(", response=\"").append(response).append("\", qop=auth, nc=")
                .append(ncText).append(", cnonce=\"").append(cnonce).append('"');
        if (c.param("opaque") != null) {
            b.append(", opaque=\"").append(c.param("opaque")).append('"');
        }
        return b.toString();
    }

    static String h(String algorithm, String s) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm.equalsIgnoreCase("SHA-256") ? "SHA-256" : "MD5");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String md5(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
