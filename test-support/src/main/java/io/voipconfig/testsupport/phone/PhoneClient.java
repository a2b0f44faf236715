package io.voipconfig.testsupport.phone;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Behaves like a Yealink phone: asks without credentials, answers the 401 challenge. The Digest computation here is
 * written independently of the production code (RFC 7616 §3.4.1), on purpose.
 */
public final class PhoneClient {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    public final String clientIp;
    public final String userAgent;
    private final String host;

    public PhoneClient(String base, String userAgent, String clientIp) {
        this(base, userAgent, clientIp, null);
    }

    private PhoneClient(String base, String userAgent, String clientIp, String host) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.userAgent = userAgent;
        this.clientIp = clientIp;
        this.host = host;
    }

    /**
     * The same phone asking under another host name (its {@code Host} header), as through a DNS name that points at
     * the service. Needs {@code -Djdk.httpclient.allowRestrictedHeaders=host} (the root pom's surefire argLine).
     */
    public PhoneClient under(String host) {
        return new PhoneClient(base, userAgent, clientIp, host);
    }

    public HttpResponse<byte[]> get(String path, Map<String, String> headers) throws Exception {
        return send("GET", path, headers);
    }

    public HttpResponse<byte[]> send(String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("X-Forwarded-For", clientIp);
        if (userAgent != null) {
            b.header("User-Agent", userAgent);
        }
        if (host != null) {
            b.header("Host", host);
        }
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** 401 first, then the same request with Digest credentials for the challenge of {@code algorithm}. */
    public HttpResponse<byte[]> fetchDigest(String path, String user, String password, String algorithm)
            throws Exception {
        HttpResponse<byte[]> challenge = get(path, Map.of());
        if (challenge.statusCode() != 401) {
            return challenge;
        }
        String nonce = nonce(challenge, algorithm);
        return get(path, Map.of("Authorization", digest("GET", path, user, password, nonce, "00000001", algorithm,
                challengeRealm(challenge))));
    }

    public HttpResponse<byte[]> fetchDigest(String path, String user, String password) throws Exception {
        return fetchDigest(path, user, password, "MD5");
    }

    public HttpResponse<byte[]> fetchBasic(String path, String user, String password) throws Exception {
        String token = Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return get(path, Map.of("Authorization", "Basic " + token));
    }

    public static String nonce(HttpResponse<?> challenge, String algorithm) {
        for (String h : challenge.headers().allValues("WWW-Authenticate")) {
            if (h.startsWith("Digest") && h.contains("algorithm=" + algorithm + ",")) {
                Matcher m = Pattern.compile("nonce=\"([^\"]+)\"").matcher(h);
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        throw new AssertionError(
                "no Digest " + algorithm + " challenge in " + challenge.headers().allValues("WWW-Authenticate"));
    }

    public static String challengeRealm(HttpResponse<?> challenge) {
        Matcher m = Pattern.compile("realm=\"([^\"]+)\"")
                .matcher(challenge.headers().firstValue("WWW-Authenticate").orElse(""));
        return m.find() ? m.group(1) : "";
    }

    public static String digest(String method, String uri, String user, String password, String nonce, String nc,
            String algorithm, String realm) throws Exception {
        String cnonce = Long.toHexString(ThreadLocalRandom.current().nextLong());
        String ha1 = h(algorithm, user + ":" + realm + ":" + password);
        String ha2 = h(algorithm, method + ":" + uri);
        String response = h(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", algorithm=" + algorithm + ", response=\"" + response + "\", qop=auth, nc=" + nc + ", cnonce=\""
                + cnonce + "\"";
    }

    public static String h(String algorithm, String s) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    public static String md5(byte[] body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
    }

    public static List<String> lines(HttpResponse<byte[]> r) {
        return List.of(new String(r.body(), StandardCharsets.UTF_8).split("\n"));
    }
}
