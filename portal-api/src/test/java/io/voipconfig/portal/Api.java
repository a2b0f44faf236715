package io.voipconfig.portal;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.voipconfig.localinfra.KeycloakTokens;

/** Test helpers: requests as a given caller, and bodies of typical resources. */
public final class Api {

    public static final String ACME_ID = "a0000000-0000-4000-8000-0000000000ac";

    private Api() {
    }

    public static String realm() {
        return ConfigProvider.getConfig().getValue("voipconfig-test.keycloak-realm-url", String.class);
    }

    /** A real token of a demo realm user (password = user name). */
    public static String token(String user) {
        return KeycloakTokens.user(realm(), user, user);
    }

    public static RequestSpecification as(String user) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON);
    }

    public static RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }

    public static Map<String, Object> organization(String slug) {
        return organization(null, slug);
    }

    public static Map<String, Object> organization(UUID id, String slug) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (id != null) {
            body.put("id", id.toString());
        }
        body.put("slug", slug);
        body.put("name", "Org " + slug);
        body.put("provisioning", Map.of("username", slug + "-prov", "password", slug + "-secret-pw", "authMode",
                "DIGEST"));
        body.put("settings", Map.of("local_time.ntp_server1", "pool.ntp.org"));
        return body;
    }

    public static Map<String, Object> device(String mac, String model) {
        return Map.of("mac", mac, "model", model, "label", "Desk " + mac, "accounts",
                List.of(Map.of("index", 1, "userName", "1001", "password", "sip-secret-1001", "server",
                        "sip.example.com")));
    }
}
