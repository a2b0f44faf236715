package io.voipconfig.localinfra;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Access tokens from the realm's token endpoint, as a client would get them; cached until a minute before they expire
 * (the demo realm's tokens live 15 minutes, and a test run can last longer).
 */
public final class KeycloakTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, Token> CACHE = new ConcurrentHashMap<>();

    private record Token(String value, long renewAtMillis) {
    }

    private KeycloakTokens() {
    }

    /** A user's token through the demo realm's public {@code voipconfig-cli} client (direct access grant). */
    public static String user(String realmUrl, String username, String password) {
        return cached(realmUrl + "|user|" + username, () -> request(realmUrl, Map.of("grant_type", "password",
                "client_id", "voipconfig-cli", "username", username, "password", password)));
    }

    /** A service account's token (client credentials). */
    public static String client(String realmUrl, String clientId, String secret) {
        return cached(realmUrl + "|client|" + clientId, () -> request(realmUrl, Map.of("grant_type",
                "client_credentials", "client_id", clientId, "client_secret", secret)));
    }

    private static String cached(String key, Supplier<Token> fetch) {
        return CACHE.compute(key, (k, t) -> t != null && System.currentTimeMillis() < t.renewAtMillis()
                ? t
                : fetch.get()).value();
    }

    private static Token request(String realmUrl, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                    URI.create(realmUrl + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("token request refused: " + r.statusCode() + " " + r.body());
            }
            JsonNode token = JSON.readTree(r.body());
            long lifetimeSeconds = token.path("expires_in").asLong(300);
            return new Token(token.get("access_token").asText(),
                    System.currentTimeMillis() + Math.max(0, lifetimeSeconds - 60) * 1000);
        } catch (IOException e) {
            throw new IllegalStateException("token request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
