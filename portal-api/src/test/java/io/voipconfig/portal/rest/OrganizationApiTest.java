package io.voipconfig.portal.rest;

import static io.voipconfig.portal.Api.json;
import static io.voipconfig.portal.Api.organization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.security.TestSecurity;
import io.voipconfig.portal.PortalTest;
import io.voipconfig.portal.security.LegacyRoles;

@PortalTest
@TestSecurity(user = "operator", roles = "operator")
class OrganizationApiTest {

    @Test
    void createdOrganizationIsReadByIdAndSlugWithoutItsPassword() {
        String id = json().body(organization("orbit")).post("/api/v1/organizations")
                .then().statusCode(201)
                .header("ETag", matchesPattern("\"\\d+\""))
                .header("Location", containsString("/api/v1/organizations/"))
                .body("slug", equalTo("orbit"))
                .body("provisioning.passwordSet", equalTo(true))
                .body("provisioning.password", nullValue())
                .body("provisioning.url", equalTo("http://localhost:8081/o/orbit/"))
                .body("encryption.enabled", equalTo(false))
                .extract().path("id");
        json().get("/api/v1/organizations/orbit").then().statusCode(200).body("id", equalTo(id));
        String body = json().get("/api/v1/organizations/" + id).then().statusCode(200).extract().asString();
        assertThat(body).doesNotContain("orbit-secret-pw");
    }

    @Test
    void everyInvalidFieldIsNamedAndNothingIsWritten() {
        Map<String, Object> bad = new HashMap<>(organization("Bad Slug!"));
        bad.put("name", " ");
        bad.put("provisioning", Map.of("username", "has space", "password", "short", "authMode", "KERBEROS"));
        bad.put("settings", Map.of("bad key", "1", "ok.key", "line\nbreak", "other.key", "%%NOPE%%"));
        int before = json().get("/api/v1/organizations").then().extract().path("totalItems");
        json().body(bad).post("/api/v1/organizations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://voipconfig.io/problems/validation"))
                .body("status", equalTo(400))
                .body("errors.field", hasItem("slug"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("provisioning.username"))
                .body("errors.field", hasItem("provisioning.password"))
                .body("errors.field", hasItem("provisioning.authMode"))
                .body("errors.field", hasItem("settings.bad key"))
                .body("errors.field", hasItem("settings.ok.key"))
                .body("errors.find { it.field == 'settings.other.key' }.message", containsString("%%NOPE%%"));
        json().get("/api/v1/organizations").then().statusCode(200).body("totalItems", equalTo(before));
    }

    @Test
    @TestSecurity(user = "old-admin", roles = LegacyRoles.PLATFORM_ADMIN, augmentors = LegacyRoles.class)
    void aTokenWithTheOwnersRoleFromBeforePartnersIsTheOperator() {
        json().get("/api/v1/partners").then().statusCode(200);
        json().get("/api/v1/mac-claims").then().statusCode(200);
    }

    @Test
    void unknownFieldsAndMalformedJsonAreProblems() {
        Map<String, Object> typo = new HashMap<>(organization("typo-org"));
        typo.put("nmae", "x");
        json().body(typo).post("/api/v1/organizations").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("nmae"));
        json().body("{\"slug\": ").post("/api/v1/organizations").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void takenSlugIsAConflict() {
        json().body(organization("twice")).post("/api/v1/organizations").then().statusCode(201);
        json().body(organization("twice")).post("/api/v1/organizations").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void staleIfMatchIsRefusedWith412AndChangesNothing() {
        var created = json().body(organization("etag-org")).post("/api/v1/organizations").then().statusCode(201)
                .extract();
        String etag = created.header("ETag");
        Map<String, Object> update = new HashMap<>(organization("etag-org"));
        update.put("name", "First rename");
        update.put("provisioning", Map.of("username", "etag-org-prov"));
        String newEtag = json().header("If-Match", etag).body(update).put("/api/v1/organizations/etag-org")
                .then().statusCode(200).body("name", equalTo("First rename"))
                .body("provisioning.passwordSet", equalTo(true)).extract().header("ETag");
        assertThat(newEtag).isNotEqualTo(etag);
        update.put("name", "Lost update");
        json().header("If-Match", etag).body(update).put("/api/v1/organizations/etag-org")
                .then().statusCode(412).contentType("application/problem+json")
                .body("detail", containsString(newEtag));
        json().get("/api/v1/organizations/etag-org").then().body("name", equalTo("First rename"))
                .header("ETag", newEtag);
    }

    @Test
    void listsArePagedAndSorted() {
        for (String s : List.of("page-c", "page-a", "page-b")) {
            json().body(organization(s)).post("/api/v1/organizations").then().statusCode(201);
        }
        json().get("/api/v1/organizations?q=page-&sort=slug,desc&size=2&page=0").then().statusCode(200)
                .body("items.slug", equalTo(List.of("page-c", "page-b")))
                .body("totalItems", equalTo(3)).body("totalPages", equalTo(2));
        json().get("/api/v1/organizations?q=page-&sort=slug&size=2&page=1").then()
                .body("items.slug", equalTo(List.of("page-c")));
        json().get("/api/v1/organizations?sort=password").then().statusCode(400).body("errors[0].field",
                equalTo("sort"));
        json().get("/api/v1/organizations?size=100000").then().statusCode(400);
    }

    @Test
    void everyWriteRecordsItsEventInTheOutbox() throws Exception {
        String id = json().body(organization("evented")).post("/api/v1/organizations").then().statusCode(201)
                .extract().path("id");
        json().delete("/api/v1/organizations/evented").then().statusCode(204);
        json().get("/api/v1/organizations/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        List<String> types = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(ConfigProvider.getConfig()
                .getValue("voipconfig-test.owner-jdbc-url", String.class));
                PreparedStatement ps = c.prepareStatement("SELECT event_type, payload::text FROM outbox"
                        + " WHERE aggregate_id = ? ORDER BY id")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                    assertThat(rs.getString(2)).doesNotContain("evented-secret-pw");
                }
            }
        }
        assertThat(types).containsExactly("organization.created", "organization.deleted");
    }

    @Test
    void anOrganizationWithTenThousandDevicesIsDeletedWithAnEventPerDevice() throws Exception {
        String id = json().body(organization("big-fleet")).post("/api/v1/organizations").then().statusCode(201)
                .extract().path("id");
        for (int chunk = 0; chunk < 2; chunk++) {
            StringBuilder csv = new StringBuilder("mac,model,user_name,server\n");
            for (int i = 0; i < 5000; i++) {
                csv.append(String.format("0015bf%06x", chunk * 5000 + i)).append(",T46U,").append(i)
                        .append(",sip.example.com\n");
            }
            json().contentType("text/csv").body(csv.toString()).post("/api/v1/organizations/big-fleet/devices/import")
                    .then().statusCode(200).body("devices", equalTo(5000));
        }
        json().delete("/api/v1/organizations/big-fleet").then().statusCode(204);
        json().get("/api/v1/organizations/" + id).then().statusCode(404);
        try (Connection c = DriverManager.getConnection(ConfigProvider.getConfig()
                .getValue("voipconfig-test.owner-jdbc-url", String.class));
                PreparedStatement ps = c.prepareStatement("SELECT count(*), count(DISTINCT aggregate_version),"
                        + " min(aggregate_version) > (SELECT max(aggregate_version) FROM outbox WHERE message_key = ?"
                        + " AND event_type = 'device.created') FROM outbox WHERE message_key = ?"
                        + " AND event_type = 'device.deleted'")) {
            ps.setString(1, id);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("device.deleted events").isEqualTo(10_000);
                assertThat(rs.getLong(2)).as("each with its own version").isEqualTo(10_000);
                assertThat(rs.getBoolean(3)).as("newer than every creation").isTrue();
            }
        }
    }

    @Test
    void encryptionCanBeSwitchedOnAndTheKeyStaysServerSide() {
        Map<String, Object> body = new HashMap<>(organization("crypto-org"));
        body.put("encryption", Map.of("enabled", true));
        json().body(body).post("/api/v1/organizations").then().statusCode(201)
                .body("encryption.enabled", equalTo(true))
                .body("encryption", not(hasKey("key")));
    }
}
