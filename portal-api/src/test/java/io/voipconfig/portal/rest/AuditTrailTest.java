package io.voipconfig.portal.rest;

import static io.restassured.RestAssured.given;
import static io.voipconfig.portal.Api.as;
import static io.voipconfig.portal.Api.organization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.voipconfig.localinfra.KeycloakTokens;
import io.voipconfig.portal.Api;
import io.voipconfig.portal.PortalTest;

/**
 * Every write the API accepts leaves an entry saying who, what, when and from where, and never a value written
 * (issue 18 item 11); reads, dry runs and refused writes leave none; each organization's trail is its own, the whole
 * trail the operator's.
 */
@PortalTest
class AuditTrailTest {

    static final String ACME_MAC = TenantIsolationTest.orgMac("acme");
    static final String SIP_PASSWORD = "audit-sip-secret-4711";

    @BeforeEach
    void organizations() {
        new TenantIsolationTest().organizations();
    }

    static Map<String, Object> newest(String user, String path) {
        List<Map<String, Object>> items = as(user).get(path + (path.contains("?") ? "&" : "?") + "size=1").then()
                .statusCode(200).extract().path("items");
        assertThat(items).as("entries at " + path).isNotEmpty();
        return items.get(0);
    }

    static int total(String path) {
        return as("operator").get(path).then().statusCode(200).extract().path("totalItems");
    }

    @Test
    void aDeviceWriteRecordsWhoWhatAndWhereButNoValue() {
        Map<String, Object> device = new HashMap<>(Api.device(ACME_MAC, "T46U"));
        device.put("settings", Map.of("lang.gui", "Audited-German"));
        device.put("accounts", List.of(Map.of("index", 1, "userName", "1001", "password", SIP_PASSWORD, "server",
                "sip.example.com")));
        as("acme-admin").header("X-Forwarded-For", "198.51.100.7").body(device)
                .put("/api/v1/organizations/acme/devices/" + ACME_MAC).then().statusCode(200);

        Map<String, Object> entry = newest("acme-viewer", "/api/v1/organizations/acme/audit");
        assertThat(entry).containsEntry("username", "acme-admin").containsEntry("role", "org-admin")
                .containsEntry("action", "update").containsEntry("organizationId", Api.ACME_ID)
                .containsEntry("organizationSlug", "acme").containsEntry("status", 200)
                .containsEntry("operation", "PUT /api/v1/organizations/{orgId}/devices/{mac}")
                .containsEntry("resource", "/api/v1/organizations/acme/devices/" + ACME_MAC)
                .containsEntry("clientIp", "198.51.100.7");
        assertThat((String) entry.get("subject")).as("Keycloak's user id").hasSize(36).isNotEqualTo("acme-admin");
        assertThat((List<String>) entry.get("fields")).contains("mac", "model", "label", "accounts",
                "settings.lang.gui");
        String trail = as("operator").get("/api/v1/audit?size=500").asString();
        assertThat(trail).doesNotContain(SIP_PASSWORD).doesNotContain("Audited-German");
    }

    /** A write to Keycloak, not to our database, is recorded the same way. */
    @Test
    void aLoginCreatedInKeycloakIsRecordedWithoutItsPassword() {
        String username = LoginApiTest.username();
        Map<String, Object> login = new HashMap<>(LoginApiTest.login(username, "ORG_VIEWER"));
        login.put("temporaryPassword", "Audit-Temporary-Pass-0815");
        String id = as("acme-admin").body(login).post("/api/v1/organizations/acme/logins").then().statusCode(201)
                .extract().path("login.id");
        Map<String, Object> entry = newest("acme-admin", "/api/v1/organizations/acme/audit?action=create");
        assertThat(entry).containsEntry("operation", "POST /api/v1/organizations/{orgId}/logins")
                .containsEntry("username", "acme-admin");
        assertThat((List<String>) entry.get("fields")).contains("username", "role", "temporaryPassword");
        assertThat(as("operator").get("/api/v1/audit?size=500").asString())
                .doesNotContain("Audit-Temporary-Pass-0815");
        as("acme-admin").delete("/api/v1/organizations/acme/logins/" + id).then().statusCode(204);
        assertThat(newest("acme-admin", "/api/v1/organizations/acme/audit")).containsEntry("action", "delete")
                .containsEntry("resource", "/api/v1/organizations/acme/logins/" + id);
    }

    @Test
    void readsDryRunsAndRefusedWritesRecordNothing() {
        String acme = "/api/v1/organizations/acme/audit";
        int before = total(acme);
        as("acme-admin").get("/api/v1/organizations/acme/devices/" + ACME_MAC).then().statusCode(200);
        as("acme-admin").body(Api.device(ACME_MAC, "T46U"))
                .put("/api/v1/organizations/acme/devices/" + ACME_MAC + "?dryRun=true").then().statusCode(200);
        as("acme-admin").body(Map.of("mac", ACME_MAC, "model", "NO-SUCH-MODEL"))
                .put("/api/v1/organizations/acme/devices/" + ACME_MAC).then().statusCode(400);
        as("acme-viewer").body(Api.device(ACME_MAC, "T46U"))
                .put("/api/v1/organizations/acme/devices/" + ACME_MAC).then().statusCode(403);
        given().contentType("application/json").body(Api.device(ACME_MAC, "T46U"))
                .put("/api/v1/organizations/acme/devices/" + ACME_MAC).then().statusCode(401);
        assertThat(total(acme)).isEqualTo(before);
    }

    @Test
    void aCreatedOrganizationHasItsCreationAndItsDeletionStaysInThePlatformTrail() {
        String slug = "audited-" + TenantIsolationTest.SEQ.incrementAndGet();
        String id = as("partner").body(organization(slug)).post("/api/v1/organizations").then().statusCode(201)
                .extract().path("id");
        Map<String, Object> created = newest("partner", "/api/v1/organizations/" + slug + "/audit");
        assertThat(created).containsEntry("action", "create").containsEntry("operation", "POST /api/v1/organizations")
                .containsEntry("resource", "/api/v1/organizations/" + id).containsEntry("organizationId", id)
                .containsEntry("username", "partner").containsEntry("role", "partner-admin");
        assertThat((List<String>) created.get("fields")).contains("slug", "name", "provisioning.username",
                "provisioning.password");

        as("partner").delete("/api/v1/organizations/" + slug).then().statusCode(204);
        Map<String, Object> deleted = newest("operator", "/api/v1/audit?action=delete");
        assertThat(deleted).containsEntry("organizationId", id).containsEntry("organizationSlug", slug)
                .containsEntry("operation", "DELETE /api/v1/organizations/{orgId}");
        as("partner").get("/api/v1/organizations/" + slug + "/audit").then().statusCode(404);
    }

    @Test
    void eachOrganizationsTrailIsItsOwnAndTheWholeTrailTheOperators() {
        as("partner").body(Map.of("name", "Audit book " + TenantIsolationTest.SEQ.incrementAndGet()))
                .post("/api/v1/organizations/" + TenantIsolationTest.GLOBEX + "/phonebooks").then().statusCode(201);
        assertThat(as("acme-viewer").get("/api/v1/organizations/acme/audit?size=500").then().statusCode(200)
                .extract().<List<String>>path("items.organizationSlug")).containsOnly("acme");
        for (String user : List.of("acme-admin", "acme-viewer", "umbrella-admin", "umbrella-viewer")) {
            as(user).get("/api/v1/organizations/" + TenantIsolationTest.GLOBEX + "/audit").then().statusCode(404);
        }
        for (String user : List.of("partner", "partner-viewer", "umbrella-admin", "acme-admin", "acme-viewer")) {
            as(user).get("/api/v1/audit").then().statusCode(403);
        }
        given().get("/api/v1/audit").then().statusCode(401);
        given().auth().oauth2(KeycloakTokens.client(Api.realm(), "portal-api", "portal-api-dev-secret"))
                .get("/api/v1/audit").then().statusCode(403);
        assertThat(as("operator").get("/api/v1/audit?size=500").then().statusCode(200).extract()
                .<List<String>>path("items.organizationSlug")).contains("acme", TenantIsolationTest.GLOBEX);
        as("operator").get("/api/v1/audit?action=edit").then().statusCode(400)
                .body("errors[0].field", equalTo("action"));
        as("operator").get("/api/v1/audit?sort=clientIp").then().statusCode(400);
    }

    @Test
    void entriesOlderThanTheRetentionAreDeletedByTheNextWrite() throws Exception {
        String url = ConfigProvider.getConfig().getValue("voipconfig-test.owner-jdbc-url", String.class);
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("INSERT INTO audit_entry (at, subject, username, role, action, operation,"
                    + " resource, status) VALUES (now() - interval '366 days', 's', 'ancient', 'operator', 'update',"
                    + " 'PUT /x', '/x', 200), (now() - interval '364 days', 's', 'old', 'operator', 'update',"
                    + " 'PUT /x', '/x', 200)");
            as("partner").body(Map.of("name", "Audit book " + TenantIsolationTest.SEQ.incrementAndGet()))
                    .post("/api/v1/organizations/acme/phonebooks").then().statusCode(201);
            ResultSet rows = c.createStatement().executeQuery(
                    "SELECT username FROM audit_entry WHERE username IN ('ancient', 'old') ORDER BY username");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).as("within the 365 days kept").isEqualTo("old");
            assertThat(rows.next()).as("older than 365 days").isFalse();
            c.createStatement().execute("DELETE FROM audit_entry WHERE username = 'old'");
        }
    }
}
