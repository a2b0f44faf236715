package io.voipconfig.portal.rest;

import static io.voipconfig.portal.Api.device;
import static io.voipconfig.portal.Api.json;
import static io.voipconfig.portal.Api.organization;
import static io.voipconfig.portal.messaging.ActivityAndEventsTest.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.portal.PortalTest;

/**
 * Seeing a change spread: writes that change rendered files say how many devices they reach
 * ({@code Voipconfig-Affected-Devices}), a dry run answers that with one device's diff and saves nothing, and the
 * fleet's pending count follows what phones would get, not every save.
 */
@PortalTest
@TestSecurity(user = "operator", roles = "operator")
class ChangeSpreadTest {

    static final String AFFECTED = "Voipconfig-Affected-Devices";

    /** Three phones, each with the configuration it would get now. */
    record Fleet(String slug, String id, List<String> macs) {

        String org() {
            return "/api/v1/organizations/" + slug;
        }

        String devices() {
            return org() + "/devices";
        }
    }

    static Fleet fleet(String slug, String prefix) throws Exception {
        String id = DeviceApiTest.org(slug);
        List<String> macs = List.of(prefix + "01", prefix + "02", prefix + "03");
        json().body(device(macs.get(0), "T46U")).post("/api/v1/organizations/" + slug + "/devices").then()
                .statusCode(201);
        json().body(device(macs.get(1), "T46U")).post("/api/v1/organizations/" + slug + "/devices").then()
                .statusCode(201);
        json().body(device(macs.get(2), "T54W")).post("/api/v1/organizations/" + slug + "/devices").then()
                .statusCode(201);
        Fleet fleet = new Fleet(slug, id, macs);
        fetched(fleet);
        return fleet;
    }

    /** Every phone fetches its MAC file, as config-service reports it: rendered from the versions of now. */
    static void fetched(Fleet fleet) throws Exception {
        long org = json().get(fleet.org()).then().extract().<Number>path("version").longValue();
        for (String mac : fleet.macs()) {
            long dev = json().get(fleet.devices() + "/" + mac).then().extract().<Number>path("version").longValue();
            String ua = "Yealink SIP-T46U 108.86.0.90 " + mac.replaceAll("(..)(?!$)", "$1:");
            publish(new ProvisioningActivity(UUID.randomUUID(), Instant.now(), "config-service", fleet.id(), mac,
                    "192.0.2.80", ua, "T46U", "108.86.0.90", "/" + mac + ".cfg", Outcome.SUCCESS, 200,
                    "0123456789abcdef0123456789abcdef", null, Math.max(org, dev), null, true));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> json().get(fleet.devices() + "?pending=false")
                .then().body("totalItems", equalTo(3)));
    }

    static int pending(Fleet fleet) {
        return json().get("/api/v1/organizations?q=" + fleet.slug()).then().statusCode(200).extract()
                .path("items[0].fleet.pending");
    }

    static Map<String, Object> withSettings(String slug, Map<String, String> settings) {
        Map<String, Object> body = new HashMap<>(organization(slug));
        body.put("settings", settings);
        return body;
    }

    /** Rows the writes left: the organization's outbox events and removed settings, and its version. */
    static List<Long> traces(Fleet fleet) throws Exception {
        try (Connection c = DriverManager.getConnection(
                ConfigProvider.getConfig().getValue("voipconfig-test.owner-jdbc-url", String.class));
                PreparedStatement ps = c.prepareStatement("SELECT (SELECT count(*) FROM outbox WHERE message_key = ?),"
                        + " (SELECT count(*) FROM removed_setting WHERE organization_id = ?::uuid),"
                        + " (SELECT count(*) FROM org_model_settings WHERE organization_id = ?::uuid),"
                        + " (SELECT version FROM organization WHERE id = ?::uuid)")) {
            for (int i = 1; i <= 4; i++) {
                ps.setString(i, fleet.id());
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }

    @Test
    void aSettingsChangeIsPendingOnEveryPhoneUntilFetchedAndADryRunChangesNothing() throws Exception {
        Fleet fleet = fleet("spread-org", "001565f201");
        assertThat(pending(fleet)).isZero();
        Map<String, Object> changed = withSettings(fleet.slug(), Map.of("phone_setting.backlight_time", "30"));
        String etag = json().get(fleet.org()).then().extract().header("ETag");
        List<Long> before = traces(fleet);

        // the dry run: every device affected, the first one's files as a diff; nothing saved, nothing pending
        Response dry = json().header("If-Match", etag).body(changed).put(fleet.org() + "?dryRun=true");
        dry.then().statusCode(200).header(AFFECTED, "3").body("dryRun", equalTo(true))
                .body("affectedDevices", equalTo(3)).body("example.mac", equalTo(fleet.macs().get(0)))
                .body("example.files.name", equalTo(List.of(fleet.macs().get(0) + ".boot", "y000000000108.cfg",
                        fleet.macs().get(0) + ".cfg")))
                .body("example.files[0].changed", equalTo(false)).body("example.files[0].diff", nullValue());
        String diffs = String.join("\n", dry.then().extract().<List<String>>path("example.files.diff").stream()
                .filter(d -> d != null).toList());
        // the model's default keeps the NTP server the organization no longer sets
        assertThat(diffs).startsWith("--- a/y000000000108.cfg\n+++ b/y000000000108.cfg\n@@ ")
                .contains(" local_time.ntp_server1 = pool.ntp.org\n", "+phone_setting.backlight_time = 30\n")
                .doesNotContain("spread-org-secret-pw");
        assertThat(traces(fleet)).as("outbox events, removed settings, model settings, version").isEqualTo(before);
        json().get(fleet.org()).then().header("ETag", etag).body("settings.'local_time.ntp_server1'",
                equalTo("pool.ntp.org"));
        assertThat(pending(fleet)).isZero();

        // the write: the same count, and every phone pending until it has fetched the new files
        json().header("If-Match", etag).body(changed).put(fleet.org()).then().statusCode(200).header(AFFECTED, "3")
                .body("settings.'phone_setting.backlight_time'", equalTo("30"));
        assertThat(pending(fleet)).isEqualTo(3);
        json().get(fleet.devices() + "?pending=true").then().body("totalItems", equalTo(3));
        fetched(fleet);
        assertThat(pending(fleet)).isZero();

        // a save that renders the same files (the same body, a longer grace period) affects no phone
        json().body(changed).put(fleet.org()).then().statusCode(200).header(AFFECTED, "0");
        Map<String, Object> longerGrace = new HashMap<>(changed);
        longerGrace.put("graceDays", 45);
        json().body(longerGrace).put(fleet.org() + "?dryRun=true").then().statusCode(200).header(AFFECTED, "0")
                .body("affectedDevices", equalTo(0)).body("example", nullValue());
        json().body(longerGrace).put(fleet.org()).then().statusCode(200).header(AFFECTED, "0")
                .body("graceDays", equalTo(45));
        assertThat(pending(fleet)).isZero();
    }

    @Test
    void aDryRunRefusesBadInputExactlyAsTheWrite() throws Exception {
        Fleet fleet = fleet("spread-bad", "001565f202");
        List<Long> before = traces(fleet);
        Map<String, Object> bad = withSettings(fleet.slug(), Map.of("bad key", "1"));
        bad.put("name", " ");
        List<Object> written = json().body(bad).put(fleet.org()).then().statusCode(400)
                .contentType(containsString("problem+json")).extract().path("errors");
        List<Object> dry = json().body(bad).put(fleet.org() + "?dryRun=true").then().statusCode(400)
                .contentType(containsString("problem+json")).extract().path("errors");
        assertThat(dry).isEqualTo(written);
        json().header("If-Match", "\"1\"").body(withSettings(fleet.slug(), Map.of())).put(fleet.org() + "?dryRun=true")
                .then().statusCode(412);
        json().body(withSettings(fleet.slug(), Map.of())).put(fleet.org() + "?dryRun=maybe").then().statusCode(400)
                .body("errors[0].field", equalTo("dryRun"));
        json().body(Map.of("settings", Map.of("bad key", "1")))
                .put(fleet.org() + "/model-settings/T46U?dryRun=true").then().statusCode(400);
        assertThat(traces(fleet)).isEqualTo(before);
    }

    @Test
    void modelSettingsReachTheirModelsDevicesAndADeviceWriteItsOwn() throws Exception {
        Fleet fleet = fleet("spread-model", "001565f203");
        List<Long> before = traces(fleet);
        Map<String, Object> settings = Map.of("settings", Map.of("phone_setting.backlight_time", "45"));
        json().body(settings).put(fleet.org() + "/model-settings/T46U?dryRun=true").then().statusCode(200)
                .header(AFFECTED, "2").body("affectedDevices", equalTo(2))
                .body("example.mac", equalTo(fleet.macs().get(0)))
                .body("example.files[1].name", equalTo("y000000000108.cfg"))
                .body("example.files[1].diff", containsString("+phone_setting.backlight_time = 45"))
                .body("example.files[2].changed", equalTo(false));
        assertThat(traces(fleet)).isEqualTo(before);
        json().get(fleet.org() + "/model-settings/T46U").then().body("version", equalTo(0));
        json().body(settings).put(fleet.org() + "/model-settings/T46U").then().statusCode(200)
                .header(AFFECTED, "2").body("settings.'phone_setting.backlight_time'", equalTo("45"));
        json().body(settings).put(fleet.org() + "/model-settings/T54W").then().statusCode(200)
                .header(AFFECTED, "1");

        // a device: its own files, a new SIP password shown as a changed line but never in clear
        String mac = fleet.macs().get(2);
        Map<String, Object> device = new HashMap<>(device(mac, "T54W"));
        device.put("accounts", List.of(Map.of("index", 1, "userName", "1001", "password", "brand-new-sip-secret",
                "server", "sip.example.com")));
        String etag = json().get(fleet.devices() + "/" + mac).then().extract().header("ETag");
        Response dry = json().body(device).put(fleet.devices() + "/" + mac + "?dryRun=true");
        dry.then().statusCode(200).header(AFFECTED, "1").body("example.mac", equalTo(mac))
                .body("example.files[2].diff", containsString("-account.1.password = ********"))
                .body("example.files[2].diff", containsString("+account.1.password = ********"));
        assertThat(dry.asString()).doesNotContain("brand-new-sip-secret", "sip-secret-1001",
                "spread-model-secret-pw");
        json().get(fleet.devices() + "/" + mac).then().header("ETag", etag);
        // the same device again (its password kept) renders the same files
        json().body(device(mac, "T54W")).put(fleet.devices() + "/" + mac).then().statusCode(200)
                .header(AFFECTED, "0");
        Map<String, Object> relabelled = new HashMap<>(device(mac, "T54W"));
        relabelled.put("settings", Map.of("phone_setting.backlight_time", "10"));
        json().body(relabelled).put(fleet.devices() + "/" + mac).then().statusCode(200).header(AFFECTED, "1");
    }
}
