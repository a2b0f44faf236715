package io.voipconfig.portal.rest;

import static io.voipconfig.portal.Api.device;
import static io.voipconfig.portal.Api.json;
import static io.voipconfig.portal.Api.organization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.voipconfig.portal.Api;
import io.voipconfig.portal.PortalTest;

@PortalTest
@TestSecurity(user = "operator", roles = "operator")
public class DeviceApiTest {

    public static String org(String slug) {
        int status = json().body(organization(slug)).post("/api/v1/organizations").then().extract().statusCode();
        assertThat(status).isIn(201, 409);
        return json().get("/api/v1/organizations/" + slug).then().statusCode(200).extract().path("id");
    }

    @Test
    void deviceIsCreatedInAnyMacNotationAndReadBackCanonicalWithoutPasswords() {
        org("dev-one");
        json().body(device("00-15-65-D0-00-01", "t46u")).post("/api/v1/organizations/dev-one/devices")
                .then().statusCode(201)
                .header("Location", containsString("/devices/001565d00001"))
                .body("mac", equalTo("001565d00001"))
                .body("model", equalTo("T46U"))
                .body("accounts[0].passwordSet", equalTo(true))
                .body("accounts[0]", not(hasKey("password")));
        String body = json().get("/api/v1/organizations/dev-one/devices/00:15:65:d0:00:01").then().statusCode(200)
                .extract().asString();
        assertThat(body).doesNotContain("sip-secret-1001");
    }

    @Test
    void macAlreadyUsedByAnotherOrganizationIs409WithoutSayingWhich() {
        org("dev-owner");
        org("dev-other");
        json().body(device("001565d00002", "T54W")).post("/api/v1/organizations/dev-owner/devices").then()
                .statusCode(201);
        String problem = json().body(device("00:15:65:d0:00:02", "T54W"))
                .post("/api/v1/organizations/dev-other/devices").then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].field", equalTo("mac"))
                .extract().asString();
        assertThat(problem).doesNotContain("dev-owner");
    }

    @Test
    void invalidDevicesAreRefusedFieldByField() {
        org("dev-bad");
        Map<String, Object> bad = new HashMap<>();
        bad.put("mac", "00:15:65:zz:00:01");
        bad.put("model", "T99X");
        json().body(bad).post("/api/v1/organizations/dev-bad/devices").then().statusCode(400)
                .body("errors.field", hasItem("mac")).body("errors.field", hasItem("model"));
        Map<String, Object> accounts = new HashMap<>(device("001565d00003", "T31G"));
        accounts.put("accounts", List.of(
                Map.of("index", 1, "userName", "1", "server", "sip.example.com"),
                Map.of("index", 3, "userName", "3", "server", "sip.example.com", "transport", "SCTP"),
                Map.of("index", 1, "userName", "", "server", "bad host!", "port", 70000)));
        accounts.put("settings", Map.of("phone_setting.x", "%%ACCOUNT_2_USER_NAME%%", "k k", "v"));
        accounts.put("phonebookIds", List.of(999999));
        accounts.put("wallpaper", "missing.png");
        json().body(accounts).post("/api/v1/organizations/dev-bad/devices").then().statusCode(400)
                .body("errors.field", hasItem("accounts[1].index"))
                .body("errors.find { it.field == 'accounts[1].index' }.message", containsString("T31G has 2"))
                .body("errors.field", hasItem("accounts[1].transport"))
                .body("errors.field", hasItem("accounts[2].index"))
                .body("errors.field", hasItem("accounts[2].userName"))
                .body("errors.field", hasItem("accounts[2].server"))
                .body("errors.field", hasItem("accounts[2].port"))
                .body("errors.field", hasItem("settings.k k"))
                .body("errors.field", hasItem("phonebookIds[0]"))
                .body("errors.field", hasItem("wallpaper"));
        json().get("/api/v1/organizations/dev-bad/devices").then().body("totalItems", equalTo(0));
    }

    @Test
    void aPlaceholderThatCannotRenderForThisDeviceIsRefusedAtWriteTime() {
        org("dev-render");
        Map<String, Object> d = new HashMap<>(device("001565d00004", "T46U"));
        d.put("settings", Map.of("features.text", "%%ACCOUNT_2_USER_NAME%%"));
        json().body(d).post("/api/v1/organizations/dev-render/devices").then().statusCode(400)
                .body("errors[0].field", equalTo("settings"))
                .body("errors[0].message", containsString("ACCOUNT_2_USER_NAME"));
    }

    @Test
    void updateKeepsPasswordsNotResentAndBumpsTheEtag() {
        org("dev-upd");
        String etag = json().body(device("001565d00005", "T46U")).post("/api/v1/organizations/dev-upd/devices")
                .then().statusCode(201).extract().header("ETag");
        Map<String, Object> update = new HashMap<>();
        update.put("model", "T48U");
        update.put("label", "Moved desk");
        update.put("accounts", List.of(Map.of("index", 1, "userName", "1001", "server", "sip.example.com"),
                Map.of("index", 2, "userName", "1002", "server", "sip.example.com")));
        String next = json().header("If-Match", etag).body(update)
                .put("/api/v1/organizations/dev-upd/devices/001565D00005").then().statusCode(200)
                .body("model", equalTo("T48U"))
                .body("accounts.passwordSet", equalTo(List.of(true, false))).extract().header("ETag");
        assertThat(next).isNotEqualTo(etag);
        json().header("If-Match", etag).body(update).put("/api/v1/organizations/dev-upd/devices/001565d00005")
                .then().statusCode(412);
        update.put("mac", "001565d00099");
        json().body(update).put("/api/v1/organizations/dev-upd/devices/001565d00005").then().statusCode(400)
                .body("errors[0].field", equalTo("mac"));
        json().delete("/api/v1/organizations/dev-upd/devices/001565d00005").then().statusCode(204);
        json().get("/api/v1/organizations/dev-upd/devices/001565d00005").then().statusCode(404);
    }

    @Test
    void aDeviceMovesToAnotherOrganizationWithItsAccountsAndOneEventInTheTargetsOrder() throws Exception {
        org("dev-mv-from");
        String to = org("dev-mv-to");
        int book = json().body(Map.of("name", "Moving staff")).post("/api/v1/organizations/dev-mv-from/phonebooks")
                .then().statusCode(201).extract().path("id");
        Map<String, Object> d = new HashMap<>(device("001565d00071", "T46U"));
        d.put("phonebookIds", List.of(book));
        String etag = json().body(d).post("/api/v1/organizations/dev-mv-from/devices").then().statusCode(201)
                .extract().header("ETag");
        String base = "/api/v1/organizations/dev-mv-from/devices/001565d00071/move";
        // Bad targets change nothing.
        json().body(Map.of()).post(base).then().statusCode(400).body("errors[0].field", equalTo("organization"));
        json().body(Map.of("organization", "no-such-org")).post(base).then().statusCode(400)
                .body("errors[0].message", containsString("no organization 'no-such-org'"));
        json().body(Map.of("organization", "dev-mv-from")).post(base).then().statusCode(400)
                .body("errors[0].message", containsString("already in"));
        json().header("If-Match", "\"1\"").body(Map.of("organization", "dev-mv-to")).post(base).then()
                .statusCode(412);
        json().get("/api/v1/organizations/dev-mv-from/devices/001565d00071").then().statusCode(200)
                .header("ETag", equalTo(etag)).body("phonebookIds", hasSize(1));

        String moved = json().header("If-Match", etag).body(Map.of("organization", "dev-mv-to")).post(base).then()
                .statusCode(200).body("organizationId", equalTo(to)).body("phonebookIds", hasSize(0))
                .body("accounts[0].passwordSet", equalTo(true)).extract().header("ETag");
        assertThat(moved).isNotEqualTo(etag);
        json().get("/api/v1/organizations/dev-mv-from/devices/001565d00071").then().statusCode(404);
        json().get("/api/v1/organizations/dev-mv-to/devices/001565d00071/preview").then().statusCode(200);
        try (Connection c = DriverManager.getConnection(ConfigProvider
                .getConfig().getValue("voipconfig-test.owner-jdbc-url", String.class));
                PreparedStatement ps = c.prepareStatement("SELECT event_type, message_key,"
                        + " payload->'state'->>'organizationId' FROM outbox WHERE aggregate_id = ? ORDER BY id")) {
            ps.setString(1, "001565d00071");
            try (ResultSet rs = ps.executeQuery()) {
                List<String> events = new ArrayList<>();
                while (rs.next()) {
                    events.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
                assertThat(events).hasSize(2);
                assertThat(events.get(1)).isEqualTo("device.updated " + to + " " + to);
            }
        }
    }

    /**
     * The console's bulk actions send one request per device, four at a time: every one must finish. (Removed as an
     * entity, a device lost its Hibernate Reactive session under concurrent deletions: some answered 500 (HR000069),
     * some never answered. Found by the browser test's bulk deletion of 60 devices.)
     */
    @Test
    void concurrentWritesInOneOrganizationAllFinish() throws Exception {
        org("dev-many");
        StringBuilder csv = new StringBuilder("mac,model\n");
        for (int i = 0; i < 60; i++) {
            csv.append(String.format("001565d4%04x,T46U%n", i));
        }
        json().contentType("text/csv").body(csv.toString()).post("/api/v1/organizations/dev-many/devices/import")
                .then().statusCode(200);
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> deletes = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String path = String.format("/api/v1/organizations/dev-many/devices/001565d4%04x", i);
                deletes.add(workers.submit(() -> json().delete(path).then().extract().statusCode()));
            }
            for (Future<Integer> delete : deletes) {
                assertThat(delete.get(60, TimeUnit.SECONDS)).isEqualTo(204);
            }
        } finally {
            workers.shutdownNow();
        }
        json().get("/api/v1/organizations/dev-many/devices").then().body("totalItems", equalTo(0));
    }

    @Test
    void csvImportIsAllOrNothingWithRowNumberedErrors() {
        org("dev-csv");
        String bad = "mac,model,label,user_name,password,server\n"
                + "001565d10001,T46U,Desk 1,2001,pw-2001,sip.example.com\n"
                + "not-a-mac,T46U,Desk 2,2002,pw-2002,sip.example.com\n"
                + "001565d10003,NOPE,Desk 3,2003,pw-2003,sip.example.com\n";
        json().contentType("text/csv").body(bad).post("/api/v1/organizations/dev-csv/devices/import").then()
                .statusCode(400)
                .body("errors.row", equalTo(List.of(3, 4)))
                .body("errors.field", equalTo(List.of("mac", "model")));
        json().get("/api/v1/organizations/dev-csv/devices").then().body("totalItems", equalTo(0));
        String good = "mac,model,label,account,user_name,password,server,transport\r\n"
                + "00:15:65:d1:00:01,T46U,\"Desk, one\",1,2001,pw-2001,sip.example.com,udp\r\n"
                + "00:15:65:d1:00:01,T46U,,2,2101,pw-2101,sip.example.com,tls\r\n"
                + "001565d10002,T54W,Desk 2,1,2002,pw-2002,sip.example.com,\r\n";
        // A dry run checks like the import and writes nothing (the console checks a whole file before importing it
        // in parts); a bad file is refused the same way
        json().contentType("text/csv").body(good).post("/api/v1/organizations/dev-csv/devices/import?dryRun=true")
                .then().statusCode(200).body("devices", equalTo(2)).body("accounts", equalTo(3))
                .body("dryRun", equalTo(true));
        json().get("/api/v1/organizations/dev-csv/devices").then().body("totalItems", equalTo(0));
        json().contentType("text/csv").body(bad).post("/api/v1/organizations/dev-csv/devices/import?dryRun=true")
                .then().statusCode(400).body("errors.row", equalTo(List.of(3, 4)));
        json().contentType("text/csv").body(good).post("/api/v1/organizations/dev-csv/devices/import?dryRun=maybe")
                .then().statusCode(400).body("errors.field", hasItem("dryRun"));
        json().contentType("text/csv").body(good).post("/api/v1/organizations/dev-csv/devices/import").then()
                .statusCode(200).body("devices", equalTo(2)).body("accounts", equalTo(3))
                .body("dryRun", equalTo(false));
        json().get("/api/v1/organizations/dev-csv/devices/001565d10001").then().statusCode(200)
                .body("label", equalTo("Desk, one")).body("accounts.transport", equalTo(List.of("UDP", "TLS")));
        // Importing the same MACs again: refused, row-numbered, nothing changes
        json().contentType("text/csv").body(good).post("/api/v1/organizations/dev-csv/devices/import").then()
                .statusCode(400).body("errors.row", hasItem(2)).body("errors.row", hasItem(4));
    }

    @Test
    void previewRendersLikeConfigServiceWithPasswordsMasked() {
        org("dev-prev");
        json().body(device("001565d00006", "T46U")).post("/api/v1/organizations/dev-prev/devices").then()
                .statusCode(201);
        String body = json().get("/api/v1/organizations/dev-prev/devices/001565d00006/preview").then()
                .statusCode(200)
                .body("name", equalTo(List.of("001565d00006.boot", "y000000000108.cfg", "001565d00006.cfg")))
                .body("[2].content", containsString("account.1.user_name = 1001"))
                .body("[2].content", containsString("account.1.password = ********"))
                .body("[1].content",
                        containsString("static.auto_provision.server.url = http://localhost:8081/o/dev-prev/"))
                .body("fingerprint", hasSize(3)).extract().asString();
        assertThat(body).doesNotContain("sip-secret-1001").doesNotContain("dev-prev-secret-pw");
    }

    @Test
    void devicesArePagedSortedAndSearched() {
        org("dev-list");
        for (String mac : List.of("001565d20003", "001565d20001", "001565d20002")) {
            json().body(device(mac, "T46U")).post("/api/v1/organizations/dev-list/devices").then().statusCode(201);
        }
        json().get("/api/v1/organizations/dev-list/devices?sort=mac,desc&size=2").then().statusCode(200)
                .body("items.mac", equalTo(List.of("001565d20003", "001565d20002"))).body("totalItems", equalTo(3));
        json().get("/api/v1/organizations/dev-list/devices?q=00:15:65:d2:00:01").then()
                .body("items.mac", equalTo(List.of("001565d20001")));
    }

    @Test
    @TestSecurity(user = "acme-viewer", roles = "org-viewer")
    @OidcSecurity(claims = @Claim(key = "org_id", value = Api.ACME_ID))
    void aViewerCannotWrite() {
        json().contentType(ContentType.JSON).body(device("001565d00007", "T46U"))
                .post("/api/v1/organizations/" + Api.ACME_ID + "/devices").then().statusCode(403)
                .contentType("application/problem+json");
    }
}
