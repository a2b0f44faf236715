package io.voipconfig.common.rps;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Ca-*} request signature of Yealink's RPS JSON open API (docs/yealink.md §1.3.4), used by
 * rps-sync-service to sign and by the RPS simulator to verify, so both follow one definition:
 *
 * <pre>
 * stringToSign = METHOD "\n"
 *              + sorted "Name:value\n" of Content-MD5 (body requests only), X-Ca-Key, X-Ca-Nonce, X-Ca-Timestamp
 *              + path without its leading "/"
 *              + ("\n" + sorted "k=v" (or "k" when v is empty) joined by "&amp;", when there is a query)
 * X-Ca-Signature = base64(HMAC-SHA256(secret, stringToSign))
 * Content-MD5    = base64(MD5(the exact body bytes sent))
 * </pre>
 */
public final class RpsSignature {

    public static final String KEY = "X-Ca-Key";
    public static final String NONCE = "X-Ca-Nonce";
    public static final String TIMESTAMP = "X-Ca-Timestamp";
    public static final String SIGNATURE = "X-Ca-Signature";
    public static final String CONTENT_MD5 = "Content-MD5";

    private RpsSignature() {
    }

    /** Base64 MD5 of exactly the bytes that will be sent. */
    public static String contentMd5(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String stringToSign(String method, String path, SortedMap<String, String> signedHeaders,
            Map<String, String> query) {
        StringBuilder s = new StringBuilder(method.toUpperCase(Locale.ROOT)).append('\n');
        signedHeaders.forEach((k, v) -> s.append(k).append(':').append(v).append('\n'));
        s.append(path.startsWith("/") ? path.substring(1) : path);
        if (query != null && !query.isEmpty()) {
            s.append('\n').append(new TreeMap<>(query).entrySet().stream()
                    .map(e -> e.getValue() == null || e.getValue().isEmpty()
                            ? e.getKey()
                            : e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("&")));
        }
        return s.toString();
    }

    /**
     * The headers of a signed request: {@code X-Ca-Key}, {@code X-Ca-Nonce}, {@code X-Ca-Timestamp}, {@code Content-MD5}
     * (when {@code body} is not null) and {@code X-Ca-Signature}.
     */
    public static SortedMap<String, String> sign(String method, String path, Map<String, String> query, byte[] body,
            String accessKeyId, String accessKeySecret, String timestampMillis, String nonce) {
        SortedMap<String, String> headers = new TreeMap<>();
        headers.put(KEY, accessKeyId);
        headers.put(NONCE, nonce);
        headers.put(TIMESTAMP, timestampMillis);
        if (body != null) {
            headers.put(CONTENT_MD5, contentMd5(body));
        }
        String signature = hmac(accessKeySecret, stringToSign(method, path, headers, query));
        headers.put(SIGNATURE, signature);
        return headers;
    }

    /** Recomputes the signature of a received request; true when it matches (compared in constant time). */
    public static boolean verify(String method, String path, Map<String, String> query, byte[] body, String accessKeyId,
            String nonce, String timestampMillis, String contentMd5, String signature, String accessKeySecret) {
        SortedMap<String, String> headers = new TreeMap<>();
        headers.put(KEY, accessKeyId);
        headers.put(NONCE, nonce);
        headers.put(TIMESTAMP, timestampMillis);
        if (body != null && body.length > 0) {
            if (contentMd5 == null || !MessageDigest.isEqual(contentMd5.getBytes(StandardCharsets.US_ASCII),
                    contentMd5(body).getBytes(StandardCharsets.US_ASCII))) {
                return false;
            }
            headers.put(CONTENT_MD5, contentMd5);
        }
        String expected = hmac(accessKeySecret, stringToSign(method, path, headers, query));
        return signature != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    static String hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
