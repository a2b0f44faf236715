package io.voipconfig.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The demo realm on a real Keycloak started from its Maven Central distribution. */
class KeycloakRealmTest {

    static KeycloakServer keycloak;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        keycloak = KeycloakServer.start(0, ProjectFiles.realmFile(), Path.of("target", "keycloak.log"),
                Duration.ofMinutes(4));
    }

    @AfterAll
    static void stop() {
        keycloak.close();
    }

    @Test
    void theOperatorHasNoPartnerOrOrganization() throws Exception {
        JsonNode claims = claims(password("operator", "operator"));
        assertThat(claims.at("/realm_access/roles").toString()).contains("operator");
        assertThat(claims.has("org_id")).isFalse();
        assertThat(claims.has("partner_id")).isFalse();
        assertThat(claims.get("iss").asText()).isEqualTo(keycloak.realmUrl());
    }

    @Test
    void aPartnersAdminCarriesItsPartnerInTheToken() throws Exception {
        JsonNode claims = claims(password("partner", "partner"));
        assertThat(claims.at("/realm_access/roles").toString()).contains("partner-admin").doesNotContain("operator");
        assertThat(claims.get("partner_id").asText()).isEqualTo("00000000-0000-4000-8000-000000000001");
        assertThat(claims.has("org_id")).isFalse();
        assertThat(claims(password("umbrella-viewer", "umbrella-viewer")).get("partner_id").asText())
                .isEqualTo("00000000-0000-4000-8000-0000000000b2");
    }

    @Test
    void acmeAdminCarriesItsOrganizationInTheToken() throws Exception {
        JsonNode claims = claims(password("acme-admin", "acme-admin"));
        assertThat(claims.at("/realm_access/roles").toString()).contains("org-admin").doesNotContain("operator");
        assertThat(claims.get("org_id").asText()).isEqualTo("a0000000-0000-4000-8000-0000000000ac");
    }

    @Test
    void wrongPasswordGetsNoToken() throws Exception {
        HttpResponse<String> r = tokenRequest(
                "grant_type=password&client_id=voipconfig-cli&username=partner&password=nope");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(r.body()).doesNotContain("access_token");
    }

    @Test
    void portalApiHasAServiceAccount() throws Exception {
        HttpResponse<String> r = tokenRequest(
                "grant_type=client_credentials&client_id=portal-api&client_secret=portal-api-dev-secret");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(claims(JSON.readTree(r.body()).get("access_token").asText()).at("/realm_access/roles").toString())
                .contains("service");
    }

    private static String password(String user, String pw) throws Exception {
        HttpResponse<String> r = tokenRequest("grant_type=password&client_id=voipconfig-cli&username="
                + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(pw, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    private static HttpResponse<String> tokenRequest(String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(keycloak.realmUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
