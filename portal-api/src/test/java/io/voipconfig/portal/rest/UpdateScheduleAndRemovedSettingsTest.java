package io.voipconfig.portal.rest;

import static io.voipconfig.portal.Api.json;
import static io.voipconfig.portal.Api.organization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.security.TestSecurity;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.render.UpdateSchedule;
import io.voipconfig.portal.Api;
import io.voipconfig.portal.PortalTest;

/**
 * The update schedule as a typed organization setting, and removed settings rendered as resets, as the preview shows
 * the files config-service serves (docs/portal-api.md, "Update schedule", "Removed settings").
 */
@PortalTest
@TestSecurity(user = "operator", roles = "operator")
class UpdateScheduleAndRemovedSettingsTest {

    static final String P = "static.auto_provision.";

    static List<String> preview(String org, String mac, int file) {
        String content = json().get("/api/v1/organizations/" + org + "/devices/" + mac + "/preview").then()
                .statusCode(200).extract().path("[" + file + "].content");
        return content.lines().toList();
    }

    static void device(String org, String mac, Map<String, String> settings) {
        Map<String, Object> body = new HashMap<>(Api.device(mac, "T46U"));
        body.put("settings", settings);
        json().body(body).put("/api/v1/organizations/" + org + "/devices/" + mac).then().statusCode(200);
    }

    @Test
    void anOrganizationFollowsThePlatformScheduleUntilItChoosesItsOwn() {
        json().body(organization("sched-own")).post("/api/v1/organizations").then().statusCode(201)
                .body("updateSchedule", nullValue())
                .body("effectiveUpdateSchedule.days", equalTo(List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY",
                        "FRIDAY", "SATURDAY", "SUNDAY")))
                .body("effectiveUpdateSchedule.windowStart", equalTo("02:00"))
                .body("effectiveUpdateSchedule.windowEnd", equalTo("04:00"))
                .body("effectiveUpdateSchedule.repeatMinutes", nullValue());
        json().body(Api.device("001565e10001", "T46U")).post("/api/v1/organizations/sched-own/devices").then()
                .statusCode(201);
        assertThat(preview("sched-own", "001565e10001", 1)).contains(P + "weekly.enable = 1",
                P + "weekly.dayofweek = 0123456", P + "weekly.begin_time = 02:00", P + "weekly.end_time = 04:00",
                P + "repeat.enable = 0");

        Map<String, Object> body = new LinkedHashMap<>(organization("sched-own"));
        body.put("updateSchedule", Map.of("days", List.of("FRIDAY", "MONDAY"), "windowStart", "07:00", "windowEnd",
                "07:30", "repeatMinutes", 720));
        json().body(body).put("/api/v1/organizations/sched-own").then().statusCode(200)
                .body("updateSchedule.days", equalTo(List.of("MONDAY", "FRIDAY")))
                .body("updateSchedule.repeatMinutes", equalTo(720))
                .body("effectiveUpdateSchedule.windowEnd", equalTo("07:30"));
        assertThat(preview("sched-own", "001565e10001", 1)).contains(P + "weekly.dayofweek = 15",
                P + "weekly.begin_time = 07:00", P + "weekly.end_time = 07:30", P + "repeat.enable = 1",
                P + "repeat.minutes = 720");
        int slot = new UpdateSchedule(Set.of(java.time.DayOfWeek.MONDAY), LocalTime.of(7, 0), LocalTime.of(7, 30),
                null).slot(MacAddress.parse("001565e10001"));
        assertThat(preview("sched-own", "001565e10001", 2))
                .contains(P + "weekly.begin_time = " + LocalTime.of(7, 0).plusMinutes(slot));
    }

    @Test
    void aScheduleThatCannotWorkIsRefusedFieldByFieldAndSettingsCannotBypassIt() {
        Map<String, Object> body = new LinkedHashMap<>(organization("sched-bad"));
        body.put("updateSchedule", Map.of("days", List.of(), "windowStart", "04:00", "windowEnd", "02:00",
                "repeatMinutes", 5));
        json().body(body).post("/api/v1/organizations").then().statusCode(400)
                .body("errors.field", hasItem("updateSchedule.windowEnd"))
                .body("errors.field", hasItem("updateSchedule.repeatMinutes"));
        body.put("updateSchedule", Map.of("days", List.of("MONDAY"), "windowStart", "25:00", "windowEnd", "26:00"));
        json().body(body).post("/api/v1/organizations").then().statusCode(400)
                .body("errors.field", hasItem("updateSchedule.windowStart"));
        body.remove("updateSchedule");
        body.put("settings", Map.of(P + "repeat.minutes", "1"));
        json().body(body).post("/api/v1/organizations").then().statusCode(400)
                .body("errors.field", equalTo(List.of("settings." + P + "repeat.minutes")))
                .body("errors.message", hasItem("is set through the organization's updateSchedule"));
        json().get("/api/v1/organizations/sched-bad").then().statusCode(404);
    }

    @Test
    void aRemovedSettingIsResetInTheFilesUntilItIsSetAgain() throws Exception {
        Map<String, Object> org = new LinkedHashMap<>(organization("reset-org"));
        org.put("settings", Map.of("features.dnd.enable", "1", "lang.gui", "German"));
        json().body(org).post("/api/v1/organizations").then().statusCode(201);
        json().body(Api.device("001565e20001", "T46U")).post("/api/v1/organizations/reset-org/devices").then()
                .statusCode(201);
        device("reset-org", "001565e20001", Map.of("phone_setting.title", "Front desk"));
        json().body(Map.of("settings", Map.of("voice.tone.country", "Germany")))
                .put("/api/v1/organizations/reset-org/model-settings/T46U").then().statusCode(200);
        assertThat(preview("reset-org", "001565e20001", 1)).doesNotContain("features.dnd.enable =");

        // Each layer drops its key; lang.gui leaves the organization's settings but the platform defaults set it
        org.put("settings", Map.of("local_time.ntp_server1", "pool.ntp.org"));
        json().body(org).put("/api/v1/organizations/reset-org").then().statusCode(200);
        json().body(Map.of("settings", Map.of())).put("/api/v1/organizations/reset-org/model-settings/T46U").then()
                .statusCode(200);
        device("reset-org", "001565e20001", Map.of());

        assertThat(preview("reset-org", "001565e20001", 1)).contains("features.dnd.enable =",
                "voice.tone.country =", "lang.gui = English").doesNotContain("lang.gui =");
        assertThat(preview("reset-org", "001565e20001", 2)).contains("phone_setting.title =");
        Map<String, OffsetDateTime> until = resetUntil("reset-org");
        assertThat(until).containsOnlyKeys("organization/features.dnd.enable", "organization/lang.gui",
                "model/voice.tone.country", "device/phone_setting.title");
        assertThat(Duration.between(OffsetDateTime.now(), until.get("organization/features.dnd.enable")))
                .isBetween(Duration.ofDays(29), Duration.ofDays(30));

        org.put("settings", Map.of("features.dnd.enable", "0"));
        json().body(org).put("/api/v1/organizations/reset-org").then().statusCode(200);
        assertThat(preview("reset-org", "001565e20001", 1)).contains("features.dnd.enable = 0")
                .doesNotContain("features.dnd.enable =");
        assertThat(resetUntil("reset-org")).doesNotContainKey("organization/features.dnd.enable")
                .containsKey("organization/local_time.ntp_server1");
    }

    /** What removed_setting holds for the organization: layer/key → reset_until. */
    static Map<String, OffsetDateTime> resetUntil(String slug) throws Exception {
        Map<String, OffsetDateTime> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(ConfigProvider.getConfig()
                .getValue("voipconfig-test.owner-jdbc-url", String.class));
                PreparedStatement ps = c.prepareStatement("SELECT r.layer, r.key, r.reset_until FROM removed_setting r"
                        + " JOIN organization o ON o.id = r.organization_id WHERE o.slug = ?")) {
            ps.setString(1, slug);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + "/" + rs.getString(2), rs.getObject(3, OffsetDateTime.class));
                }
            }
        }
        return out;
    }
}
