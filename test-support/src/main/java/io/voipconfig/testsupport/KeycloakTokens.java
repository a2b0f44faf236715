package io.voipconfig.testsupport;

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
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Access tokens from the realm's token endpoint, as a client would get them; cached for a few minutes. */
public final class KeycloakTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private KeycloakTokens() {
    }

    /** A user's token through the demo realm's public {@code voipconfig-cli} client (direct access grant). */
    public static String user(String realmUrl, String username, String password) {
        return CACHE.computeIfAbsent(realmUrl + "|user|" + username, k -> request(realmUrl, Map.of("grant_type",
                "password", "client_id", "voipconfig-cli", "username", username, "password", password)));
    }

    /** A service account's token (client credentials). */
    public static String client(String realmUrl, String clientId, String secret) {
        return CACHE.computeIfAbsent(realmUrl + "|client|" + clientId, k -> request(realmUrl, Map.of("grant_type",
                "client_credentials", "client_id", clientId, "client_secret", secret)));
    }

    private static String request(String realmUrl, Map<String, String> form) {
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
            return JSON.readTree(r.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("token request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
