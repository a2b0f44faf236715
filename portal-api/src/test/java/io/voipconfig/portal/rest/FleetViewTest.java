package io.voipconfig.portal.rest;

import static io.voipconfig.portal.Api.device;
import static io.voipconfig.portal.Api.json;
import static io.voipconfig.portal.messaging.ActivityAndEventsTest.publish;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.security.TestSecurity;
import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.portal.PortalTest;

/**
 * The device list as the fleet view: each device's presence, whether a change is pending (the version its phone's
 * configuration was rendered from against its organization's and its own), its RPS state; filters and sorts over
 * them in SQL.
 */
@PortalTest
@TestSecurity(user = "operator", roles = "operator")
class FleetViewTest {

    static final String ORG = "fleet-org";
    static final String BASE = "/api/v1/organizations/" + ORG + "/devices";
    static final String CURRENT = "001565f10001"; // has its current configuration
    static final String SEEN = "001565f10002"; // fetched only its boot file
    static final String NEVER = "001565f10003"; // never asked
    static String orgId;

    /** Once, when the application is up (a static {@code @BeforeAll} would run before Quarkus listens). */
    @BeforeEach
    void fleet() throws Exception {
        if (orgId != null) {
            return;
        }
        orgId = DeviceApiTest.org(ORG);
        for (String mac : List.of(CURRENT, SEEN, NEVER)) {
            json().body(device(mac, "T46U")).post(BASE).then().statusCode(201);
        }
        Instant t = Instant.now();
        publish(activity(CURRENT, t, "/" + CURRENT + ".cfg", Outcome.SUCCESS, 200, rendered(CURRENT), "108.86.0.90"),
                activity(SEEN, t.minusSeconds(60), "/" + SEEN + ".boot", Outcome.SUCCESS, 200, null, "108.86.0.80"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> json().get(BASE + "?neverSeen=false").then()
                .statusCode(200).body("totalItems", equalTo(2)));
        try (Connection c = DriverManager.getConnection(
                ConfigProvider.getConfig().getValue("voipconfig-test.owner-jdbc-url", String.class));
                PreparedStatement ps = c.prepareStatement("INSERT INTO rps_device_state (mac, organization_id, status,"
                        + " last_error) VALUES (?, ?, 'CONFLICT', 'owned by another enterprise')")) {
            ps.setString(1, SEEN);
            ps.setObject(2, UUID.fromString(orgId));
            ps.executeUpdate();
        }
    }

    /** What config-service would put in the event: the newest of the organization's and the device's versions. */
    static long rendered(String mac) {
        long org = json().get("/api/v1/organizations/" + ORG).then().extract().<Number>path("version").longValue();
        long dev = json().get(BASE + "/" + mac).then().extract().<Number>path("version").longValue();
        return Math.max(org, dev);
    }

    static ProvisioningActivity activity(String mac, Instant time, String file, Outcome outcome, int status,
            Long configVersion, String firmware) {
        String ua = "Yealink SIP-T46U " + firmware + " " + mac.replaceAll("(..)(?!$)", "$1:");
        return new ProvisioningActivity(UUID.randomUUID(), time, "config-service", orgId, mac, "192.0.2.77", ua,
                "T46U", firmware, file, outcome, status, "0123456789abcdef0123456789abcdef", null, configVersion,
                null, true);
    }

    @Test
    void eachItemCarriesItsPresencePendingStateAndRpsState() {
        json().get(BASE + "?sort=mac").then().statusCode(200)
                .body("items.mac", equalTo(List.of(CURRENT, SEEN, NEVER)))
                .body("items[0].state.upToDate", equalTo(true))
                .body("items[0].state.firmware", equalTo("108.86.0.90"))
                .body("items[0].state.lastIp", equalTo("192.0.2.77"))
                .body("items[0].state.lastOutcome", equalTo("SUCCESS"))
                .body("items[1].state.upToDate", nullValue())
                .body("items[1].state.rpsStatus", equalTo("CONFLICT"))
                .body("items[1].state.rpsError", equalTo("owned by another enterprise"))
                .body("items[2].state.lastSeenAt", nullValue())
                .body("items[2].state.upToDate", nullValue());
        json().get(BASE + "/" + CURRENT).then().statusCode(200).body("state", nullValue());
    }

    @Test
    void theOrganizationListCountsEachOrganizationsFleet() {
        json().get("/api/v1/organizations?q=" + ORG).then().statusCode(200)
                .body("items[0].fleet.neverSeen", equalTo(1))
                .body("items[0].fleet.rpsConflicts", equalTo(1))
                .body("items[0].fleet.wrongCredentials", equalTo(0));
        int devices = json().get("/api/v1/organizations?q=" + ORG).then().extract().path("items[0].fleet.devices");
        int seen = json().get("/api/v1/organizations?q=" + ORG).then().extract().path("items[0].fleet.seenLastDay");
        org.assertj.core.api.Assertions.assertThat(devices).isBetween(3, 4); // the pending test may add one
        org.assertj.core.api.Assertions.assertThat(seen).isEqualTo(devices - 1);
        json().get("/api/v1/organizations/" + ORG).then().statusCode(200).body("fleet", nullValue());
    }

    @Test
    void filtersCombineAndSortsPutNeverSeenPhonesLast() {
        json().get(BASE + "?neverSeen=true").then().body("items.mac", equalTo(List.of(NEVER)));
        json().get(BASE + "?firmware=108.86.0.80").then().body("items.mac", equalTo(List.of(SEEN)));
        json().get(BASE + "?rps=conflict").then().body("items.mac", equalTo(List.of(SEEN)));
        json().get(BASE + "?outcome=SUCCESS&model=T46U").then().body("totalItems", equalTo(2));
        json().get(BASE + "?seenAfter=" + Instant.now().minusSeconds(30)).then()
                .body("items.mac", equalTo(List.of(CURRENT)));
        json().get(BASE + "?seenBefore=" + Instant.now().minusSeconds(30)).then()
                .body("items.mac", equalTo(List.of(SEEN)));
        json().get(BASE + "?sort=lastSeenAt,desc").then().body("items.mac", equalTo(List.of(CURRENT, SEEN, NEVER)));
        json().get(BASE + "?sort=lastSeenAt,asc").then().body("items.mac", equalTo(List.of(NEVER, SEEN, CURRENT)));
        json().get(BASE + "?q=f10002&neverSeen=false").then().body("items.mac", equalTo(List.of(SEEN)));
    }

    /** A list item (with its read-only state) can be sent back as the update, like a single read. */
    @Test
    void whatAListAnsweredCanBePutBackAsIs() {
        String slug = "fleet-put-back"; // its own: an organization's update makes all its phones pending
        DeviceApiTest.org(slug);
        String devices = "/api/v1/organizations/" + slug + "/devices";
        json().body(device("001565f10101", "T46U")).post(devices).then().statusCode(201);
        Map<String, Object> item = json().get(devices).then().extract().path("items[0]");
        json().body(item).put(devices + "/001565f10101").then().statusCode(200);
        Map<String, Object> org = json().get("/api/v1/organizations?q=" + slug).then().extract().path("items[0]");
        json().body(org).put("/api/v1/organizations/" + slug).then().statusCode(200);
    }

    /** The filtered fleet as CSV: no passwords, formulas defused, and it imports into another organization as is. */
    @Test
    void theExportIsTheFilteredFleetAndImportsElsewhereAsItIs() {
        String slug = "fleet-export";
        DeviceApiTest.org(slug);
        String devices = "/api/v1/organizations/" + slug + "/devices";
        Map<String, Object> two = new HashMap<>(device("001565f10201", "T54W"));
        two.put("label", "=HYPERLINK(\"http://x.example\",\"click\")");
        two.put("accounts", List.of(Map.of("index", 1, "userName", "2001", "password", "never-exported-1", "server",
                "sip.example.com"),
                Map.of("index", 2, "userName", "2002", "password", "never-exported-2", "server",
                        "sip.example.com", "displayName", "Desk, two")));
        json().body(two).post(devices).then().statusCode(201);
        json().body(device("001565f10202", "T46U")).post(devices).then().statusCode(201);

        String csv = json().get(devices + "/export?model=T54W").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("devices.csv")).extract()
                .asString();
        List<String> lines = csv.lines().toList();
        org.assertj.core.api.Assertions.assertThat(lines.get(0)).isEqualTo("mac,model,label,account,user_name,"
                + "auth_name,display_name,account_label,server,port,transport,phonebooks,wallpaper,ringtone,"
                + "last_seen_at,last_ip,firmware,up_to_date,last_outcome,rps_status");
        org.assertj.core.api.Assertions.assertThat(lines).hasSize(3); // one row per account of the one T54W
        org.assertj.core.api.Assertions.assertThat(lines.get(1)).startsWith(
                "001565f10201,T54W,\"'=HYPERLINK(\"\"http://x.example\"\",\"\"click\"\")\",1,2001,");
        org.assertj.core.api.Assertions.assertThat(lines.get(2)).contains(",2,2002,", "\"Desk, two\"");
        org.assertj.core.api.Assertions.assertThat(csv).doesNotContain("never-exported");

        // into another organization, as it is (the MACs are new there once deleted here)
        json().delete(devices + "/001565f10201").then().statusCode(204);
        DeviceApiTest.org("fleet-import");
        json().contentType("text/csv").body(csv).post("/api/v1/organizations/fleet-import/devices/import").then()
                .statusCode(200).body("devices", equalTo(1)).body("accounts", equalTo(2));
        json().get("/api/v1/organizations/fleet-import/devices/001565f10201").then().statusCode(200)
                .body("label", equalTo("=HYPERLINK(\"http://x.example\",\"click\")"))
                .body("accounts[1].displayName", equalTo("Desk, two"))
                .body("accounts[1].passwordSet", equalTo(false));
    }

    @Test
    void theExportStreamsAFleetLargerThanOneChunk() {
        String slug = "fleet-export-big";
        String orgId = DeviceApiTest.org(slug);
        StringBuilder csv = new StringBuilder("mac,model,label\n");
        for (int i = 0; i < 2500; i++) {
            csv.append(String.format("0015f2%06x,T46U,Desk %d%n", i, i));
        }
        json().contentType("text/csv").body(csv.toString()).post("/api/v1/organizations/" + slug + "/devices/import")
                .then().statusCode(200).body("devices", equalTo(2500));
        List<String> lines = json().get("/api/v1/organizations/" + orgId + "/devices/export").then().statusCode(200)
                .extract().asString().lines().toList();
        org.assertj.core.api.Assertions.assertThat(lines).hasSize(2501);
        org.assertj.core.api.Assertions.assertThat(lines.subList(1, 2501)).isSorted().doesNotHaveDuplicates();
        org.assertj.core.api.Assertions.assertThat(lines.get(2500)).startsWith(String.format("0015f2%06x,", 2499));
    }

    @Test
    void badFiltersAnswer400NamingTheParameter() {
        json().get(BASE + "?seenAfter=yesterday").then().statusCode(400)
                .body("errors.field", hasItem("seenAfter"));
        json().get(BASE + "?sort=lastIp").then().statusCode(400).body("errors.field", hasItem("sort"));
        json().get(BASE + "?outcome=NOPE").then().statusCode(400).body("errors.field", hasItem("outcome"));
        json().get(BASE + "?rps=OFF").then().statusCode(400).body("errors.field", hasItem("rps"));
        json().get(BASE + "?pending=maybe").then().statusCode(400).body("errors.field", hasItem("pending"));
    }

    /** A change is pending until the phone receives a configuration rendered from it; then it is current again. */
    @Test
    void aChangeIsPendingUntilThePhoneHasTheConfigurationRenderedFromIt() throws Exception {
        String mac = "001565f10004";
        json().body(device(mac, "T46U")).post(BASE).then().statusCode(201);
        publish(activity(mac, Instant.now(), "/" + mac + ".cfg", Outcome.SUCCESS, 200, rendered(mac), "108.86.0.90"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> json().get(BASE + "?q=" + mac).then()
                .body("items[0].state.upToDate", equalTo(true)));

        Map<String, Object> changed = new HashMap<>(device(mac, "T46U"));
        changed.put("settings", Map.of("phone_setting.backlight_time", "30"));
        json().body(changed).put(BASE + "/" + mac).then().statusCode(200);
        json().get(BASE + "?q=" + mac).then().body("items[0].state.upToDate", equalTo(false));
        json().get(BASE + "?pending=true").then().body("items.mac", equalTo(List.of(mac)));

        // a late event from before the change does not make it current
        publish(activity(mac, Instant.now().minusSeconds(120), "/" + mac + ".cfg", Outcome.NOT_MODIFIED, 304,
                rendered(mac) - 1, "108.86.0.90"));
        publish(activity(mac, Instant.now(), "/" + mac + ".cfg", Outcome.NOT_MODIFIED, 304, rendered(mac),
                "108.86.0.90"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> json().get(BASE + "?pending=true").then()
                .body("totalItems", equalTo(0)));
        json().get(BASE + "?q=" + mac).then().body("items[0].state.upToDate", equalTo(true));
    }
}
