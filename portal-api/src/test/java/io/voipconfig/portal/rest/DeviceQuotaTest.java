package io.voipconfig.portal.rest;

import static io.voipconfig.portal.Api.as;
import static io.voipconfig.portal.Api.device;
import static io.voipconfig.portal.Api.organization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.voipconfig.portal.PortalTest;

/**
 * A partner limits each of its organizations' devices (issue 18 item 11): every write that adds a device honours it,
 * concurrent ones included; the organization's own admins read it and never change it.
 */
@PortalTest
class DeviceQuotaTest {

    @BeforeEach
    void organizations() {
        new TenantIsolationTest().organizations();
    }

    static String mac() {
        return TenantIsolationTest.mac();
    }

    static String newOrganization() {
        String slug = "quota-" + TenantIsolationTest.SEQ.incrementAndGet();
        as("partner").body(organization(slug)).post("/api/v1/organizations").then().statusCode(201);
        return slug;
    }

    @Test
    void everyWriteThatAddsADeviceStopsAtTheLimit() {
        String org = newOrganization();
        String base = "/api/v1/organizations/" + org;
        as("partner").body(Map.of("maxDevices", 2)).put(base + "/device-quota").then().statusCode(200)
                .body("maxDevices", equalTo(2)).body("devices", equalTo(0));
        as("partner").get(base).then().body("maxDevices", equalTo(2));

        as("partner").body(device(mac(), "T46U")).post(base + "/devices").then().statusCode(201);
        as("partner").contentType("text/csv").body("mac,model\n" + mac() + ",T46U\n" + mac() + ",T46U\n")
                .post(base + "/devices/import").then().statusCode(409)
                .body("detail", containsString("organization '" + org + "' may have at most 2 devices"));
        as("partner").body(device(mac(), "T46U")).post(base + "/devices").then().statusCode(201);
        as("partner").body(device(mac(), "T46U")).post(base + "/devices").then().statusCode(409)
                .body("type", containsString("quota-exceeded"))
                .body("detail", containsString("ask your partner to raise the limit"));

        String elsewhere = mac();
        as("partner").body(device(elsewhere, "T46U")).post("/api/v1/organizations/acme/devices").then()
                .statusCode(201);
        as("partner").body(Map.of("organization", org))
                .post("/api/v1/organizations/acme/devices/" + elsewhere + "/move").then().statusCode(409);
        as("partner").get("/api/v1/organizations/acme/devices/" + elsewhere).then().statusCode(200);
        as("partner").get(base + "/device-quota").then().body("devices", equalTo(2));

        // lowered below what it holds: all kept, none added; lifted: room again
        as("partner").body(Map.of("maxDevices", 1)).put(base + "/device-quota").then().statusCode(200)
                .body("devices", equalTo(2));
        as("partner").body(device(mac(), "T46U")).post(base + "/devices").then().statusCode(409);
        Map<String, Object> none = new HashMap<>();
        none.put("maxDevices", null);
        as("partner").body(none).put(base + "/device-quota").then().statusCode(200).body("maxDevices", nullValue());
        as("partner").body(Map.of("organization", org))
                .post("/api/v1/organizations/acme/devices/" + elsewhere + "/move").then().statusCode(200);
    }

    @Test
    void concurrentCreationsNeverPassTheLimitTogether() {
        String org = newOrganization();
        String base = "/api/v1/organizations/" + org;
        as("partner").body(Map.of("maxDevices", 3)).put(base + "/device-quota").then().statusCode(200);
        List<CompletableFuture<Integer>> creations = IntStream.range(0, 6)
                .mapToObj(i -> mac()).map(m -> CompletableFuture.supplyAsync(() -> as("partner")
                        .body(device(m, "T46U")).post(base + "/devices").then().extract().statusCode()))
                .toList();
        List<Integer> statuses = creations.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(3);
        as("partner").get(base + "/device-quota").then().body("devices", equalTo(3));
    }

    /**
     * A creation that read the organization before its limit was lowered, and waits for the row the lowering holds,
     * checks the new limit, not the one it read.
     */
    @Test
    void aLimitLoweredWhileACreationWaitsIsTheOneChecked() throws Exception {
        String org = newOrganization();
        String base = "/api/v1/organizations/" + org;
        as("partner").body(Map.of("maxDevices", 5)).put(base + "/device-quota").then().statusCode(200);
        as("partner").body(device(mac(), "T46U")).post(base + "/devices").then().statusCode(201);
        String url = ConfigProvider.getConfig().getValue("voipconfig-test.owner-jdbc-url", String.class);
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            c.createStatement().execute("UPDATE organization SET max_devices = 1 WHERE slug = '" + org + "'");
            CompletableFuture<Integer> creation = CompletableFuture.supplyAsync(() -> as("partner")
                    .body(device(mac(), "T46U")).post(base + "/devices").then().extract().statusCode());
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try (Connection probe = DriverManager.getConnection(url);
                        ResultSet r = probe.createStatement().executeQuery(
                                "SELECT count(*) FROM pg_locks WHERE NOT granted")) {
                    return r.next() && r.getInt(1) > 0;
                }
            });
            c.commit();
            assertThat(creation.get(30, TimeUnit.SECONDS)).isEqualTo(409);
        }
        as("partner").get(base + "/device-quota").then().body("maxDevices", equalTo(1)).body("devices", equalTo(1));
    }

    @Test
    void onlyThePartnerAndTheOperatorSetIt() {
        String quota = "/api/v1/organizations/acme/device-quota";
        for (String user : List.of("acme-admin", "acme-viewer", "partner-viewer", "umbrella-viewer")) {
            as(user).body(Map.of("maxDevices", 1000)).put(quota).then().statusCode(403);
        }
        as("umbrella-admin").body(Map.of("maxDevices", 1000)).put(quota).then().statusCode(404);
        for (String user : List.of("operator", "partner", "partner-viewer", "acme-admin", "acme-viewer")) {
            as(user).get(quota).then().statusCode(200).body("maxDevices", nullValue());
        }
        as("umbrella-admin").get(quota).then().statusCode(404);

        as("partner").body(Map.of("maxDevices", -1)).put(quota).then().statusCode(400)
                .body("errors[0].field", equalTo("maxDevices"));
        as("partner").body(Map.of("maxDevices", "many")).put(quota).then().statusCode(400);
        as("acme-admin").get(quota).then().body("maxDevices", nullValue());
        // the organization's own PUT carries it back unchanged, and cannot change it
        Map<String, Object> body = new HashMap<>(organization("acme"));
        body.put("id", io.voipconfig.portal.Api.ACME_ID);
        body.put("provisioning", Map.of("username", "acme-prov"));
        body.put("maxDevices", 5);
        as("acme-admin").body(body).put("/api/v1/organizations/acme").then().statusCode(200)
                .body("maxDevices", nullValue());
    }
}
