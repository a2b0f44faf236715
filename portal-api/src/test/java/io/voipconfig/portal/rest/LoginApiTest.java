package io.voipconfig.portal.rest;

import static io.restassured.RestAssured.given;
import static io.voipconfig.portal.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.voipconfig.portal.Api;
import io.voipconfig.portal.PortalTest;

/**
 * An organization's logins through portal-api into the real Keycloak: created with the organization's id in
 * {@code org_id} and an organization role, a temporary password the person must replace, and then signing in to see
 * that organization only; managed by the operator, the organization's partner admins and its own admins, by nobody
 * else, and never reaching a login that is not the organization's.
 */
@PortalTest
class LoginApiTest {

    static final String ORG = "logins-org";
    static final AtomicInteger SEQ = new AtomicInteger();
    static String orgId;

    @BeforeEach
    void organization() {
        new TenantIsolationTest().organizations(); // acme, whose admin and viewer are logins of the realm
        if (orgId == null) {
            int status = as("partner").body(Api.organization(ORG)).post("/api/v1/organizations").then().extract()
                    .statusCode();
            assertThat(status).isIn(201, 409);
            orgId = as("partner").get("/api/v1/organizations/" + ORG).then().statusCode(200).extract().path("id");
        }
    }

    static String username() {
        return "jane-" + SEQ.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    static Map<String, Object> login(String username, String role) {
        return Map.of("username", username, "email", username + "@logins.example", "firstName", "Jane",
                "lastName", "Doe", "role", role);
    }

    /** Keycloak's own admin API as its admin (the test checks what portal-api wrote, independently of it). */
    static RequestSpecification keycloakAdmin() {
        String base = Api.realm().substring(0, Api.realm().indexOf("/realms/"));
        String token = given().contentType(ContentType.URLENC).formParams(Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", "admin", "password", "admin"))
                .post(base + "/realms/master/protocol/openid-connect/token").then().statusCode(200).extract()
                .path("access_token");
        return given().baseUri(base + "/admin/realms/voipconfig").auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void aPartnerCreatesAnOrganizationsAdminWhoSignsInToThatOrganizationOnly() {
        String username = username();
        var created = as("partner").body(login(username, "ORG_ADMIN")).post("/api/v1/organizations/" + ORG + "/logins")
                .then().statusCode(201).body("login.username", equalTo(username))
                .body("login.role", equalTo("ORG_ADMIN")).body("login.enabled", equalTo(true)).extract();
        String id = created.path("login.id");
        String password = created.path("temporaryPassword");
        assertThat(password).hasSize(20);
        as("partner").get("/api/v1/organizations/" + ORG + "/logins").then().statusCode(200)
                .body("username", hasItem(username));

        // what Keycloak holds: the organization in org_id, the role, a password to replace
        Map<String, Object> user = keycloakAdmin().get("/users/" + id).then().statusCode(200).extract().as(Map.class);
        assertThat(user.get("attributes")).isEqualTo(Map.of("org_id", List.of(orgId)));
        assertThat(user.get("requiredActions")).isEqualTo(List.of("UPDATE_PASSWORD"));
        assertThat(keycloakAdmin().get("/users/" + id + "/role-mappings/realm").then().statusCode(200).extract()
                .<List<String>>path("name")).contains("org-admin").doesNotContain("partner-admin", "operator");
        given().contentType(ContentType.URLENC).formParams(Map.of("grant_type", "password", "client_id",
                "voipconfig-cli", "username", username, "password", password))
                .post(Api.realm() + "/protocol/openid-connect/token").then().statusCode(400)
                .body("error_description", equalTo("Account is not fully set up"));

        // once the person has set a password of their own (done here through Keycloak's admin API), they see this
        // organization and nothing else
        keycloakAdmin().body(Map.of("requiredActions", List.of())).put("/users/" + id).then().statusCode(204);
        keycloakAdmin().body(Map.of("type", "password", "value", "jane-own-Passw0rd", "temporary", false))
                .put("/users/" + id + "/reset-password").then().statusCode(204);
        String token = given().contentType(ContentType.URLENC).formParams(Map.of("grant_type", "password",
                "client_id", "voipconfig-cli", "username", username, "password", "jane-own-Passw0rd"))
                .post(Api.realm() + "/protocol/openid-connect/token").then().statusCode(200).extract()
                .path("access_token");
        given().auth().oauth2(token).get("/api/v1/organizations").then().statusCode(200)
                .body("items.slug", equalTo(List.of(ORG)));
        given().auth().oauth2(token).get("/api/v1/organizations/acme").then().statusCode(404);
        given().auth().oauth2(token).get("/api/v1/organizations/" + ORG + "/logins").then().statusCode(200)
                .body("username", hasItem(username));
    }

    @Test
    void eachRoleManagesOnlyTheLoginsOfOrganizationsItAdministers() {
        String base = "/api/v1/organizations/";
        // the operator and the organization's partner admin: yes
        for (String user : List.of("operator", "partner")) {
            as(user).body(login(username(), "ORG_VIEWER")).post(base + ORG + "/logins").then().statusCode(201);
            as(user).get(base + ORG + "/logins").then().statusCode(200);
        }
        // another partner's admin and viewer: the organization does not exist for them
        as("umbrella-admin").get(base + ORG + "/logins").then().statusCode(404);
        as("umbrella-admin").body(login(username(), "ORG_ADMIN")).post(base + ORG + "/logins").then()
                .statusCode(404);
        // viewers manage no logins
        for (String user : List.of("partner-viewer", "umbrella-viewer", "acme-viewer")) {
            as(user).get(base + ORG + "/logins").then().statusCode(403);
            as(user).body(login(username(), "ORG_ADMIN")).post(base + ORG + "/logins").then().statusCode(403);
        }
        // an organization's admin: its own organization's logins, nobody else's
        assertThat(as("acme-admin").get(base + "acme/logins").then().statusCode(200).extract()
                .<List<String>>path("username")).contains("acme-admin", "acme-viewer")
                .doesNotContain("partner", "operator", "umbrella-admin");
        as("acme-admin").get(base + ORG + "/logins").then().statusCode(404);
        given().get(base + ORG + "/logins").then().statusCode(401);
    }

    @Test
    void aLoginIsDisabledReRoledAndDeletedButOnlyThroughItsOwnOrganization() {
        String username = username();
        String id = as("partner").body(login(username, "ORG_ADMIN")).post("/api/v1/organizations/" + ORG + "/logins")
                .then().statusCode(201).extract().path("login.id");
        String path = "/api/v1/organizations/" + ORG + "/logins/" + id;
        as("partner").body(Map.of("enabled", false, "role", "ORG_VIEWER")).put(path).then().statusCode(200)
                .body("enabled", equalTo(false)).body("role", equalTo("ORG_VIEWER"));
        assertThat(keycloakAdmin().get("/users/" + id + "/role-mappings/realm").then().extract()
                .<List<String>>path("name")).contains("org-viewer").doesNotContain("org-admin");

        // the same login under another organization's path, and a login that is no organization's
        as("partner").body(Map.of("enabled", true, "role", "ORG_ADMIN")).put("/api/v1/organizations/acme/logins/" + id)
                .then().statusCode(404);
        String partnerLogin = keycloakAdmin().get("/users?username=partner&exact=true").then().extract()
                .path("[0].id");
        as("operator").delete("/api/v1/organizations/" + ORG + "/logins/" + partnerLogin).then().statusCode(404);
        keycloakAdmin().get("/users/" + partnerLogin).then().statusCode(200);

        as("partner").delete(path).then().statusCode(204);
        keycloakAdmin().get("/users/" + id).then().statusCode(404);
        as("partner").delete(path).then().statusCode(404);
    }

    @Test
    void badLoginsAreRefusedFieldByFieldAndTakenNamesAreConflicts() {
        String base = "/api/v1/organizations/" + ORG + "/logins";
        as("partner").body(Map.of("username", "X y", "email", "not-an-address", "temporaryPassword", "short"))
                .post(base).then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("username", "email", "role",
                        "temporaryPassword"));
        as("partner").body(Map.of("username", username(), "role", "OPERATOR")).post(base).then().statusCode(400)
                .body("errors[0].field", equalTo("role"));
        as("partner").body(Map.of("username", "partner", "role", "ORG_ADMIN")).post(base).then().statusCode(409);
        String username = username();
        as("partner").body(Map.of("username", username, "role", "ORG_VIEWER", "temporaryPassword",
                "a-Chosen-temporary-1")).post(base).then().statusCode(201)
                .body("temporaryPassword", equalTo("a-Chosen-temporary-1"));
    }
}
