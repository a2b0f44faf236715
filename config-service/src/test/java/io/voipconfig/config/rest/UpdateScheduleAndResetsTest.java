package io.voipconfig.config.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.render.UpdateSchedule;
import io.voipconfig.config.TestClock;
import io.voipconfig.localinfra.DatabaseRoles;
import io.voipconfig.testsupport.Readiness;
import io.voipconfig.testsupport.RealInfraResource;
import io.voipconfig.testsupport.phone.Fixtures;
import io.voipconfig.testsupport.phone.PhoneClient;

/**
 * The update schedule in every common file and spread across an organization's devices, and removed setting keys
 * rendered as resets until their window ends (docs/config-service.md, "Update schedule", "Removed settings"), fetched
 * over HTTP as phones do: a first request without credentials, 401, then Digest.
 */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, initArgs = @ResourceArg(name = "dbUser", value = DatabaseRoles.CONFIG_SERVICE))
class UpdateScheduleAndResetsTest {

    static final AtomicInteger IP = new AtomicInteger(10);
    static final String P = "static.auto_provision.";
    static final List<String> MACS = new ArrayList<>();
    static UUID spread;

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestClock clock;

    @BeforeAll
    static void arrange() throws Exception {
        spread = Fixtures.organization("spread-co", "spread", "spread-pw", "DIGEST");
        for (int i = 1; i <= 24; i++) {
            String mac = String.format("001565d1%04x", i);
            Fixtures.device(mac, spread, i % 2 == 0 ? "T46U" : "T54W", "Desk " + i, 1);
            MACS.add(mac);
        }
        UUID weekly = Fixtures.organization("weekly-co", "weekly", "weekly-pw", "DIGEST");
        Fixtures.exec("UPDATE organization SET update_schedule = '{\"days\": \"MONDAY,SATURDAY\","
                + " \"windowStart\": \"22:00\", \"windowEnd\": \"23:30\", \"repeatMinutes\": \"1440\"}' WHERE id = ?",
                weekly);
        Fixtures.device("001565d20001", weekly, "T46U", "Weekly desk", 1);

        UUID reset = Fixtures.organization("reset-co", "reset", "reset-pw", "DIGEST");
        Fixtures.device("001565d30001", reset, "T46U", "Reset desk", 1);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        removed(reset, "organization", "", "features.dnd.enable", now.plusDays(30));
        removed(reset, "organization", "", "lang.gui", now.plusDays(30)); // still set by the platform defaults
        removed(reset, "model", "T46U", "voice.tone.country", now.plusDays(10));
        removed(reset, "model", "T54W", "wallpaper_upload.url", now.plusDays(30)); // another model's: not here
        removed(reset, "device", "001565d30001", "phone_setting.title", now.plusDays(30));
        removed(reset, "organization", "", "features.expired", now.minusMinutes(1));
    }

    static void removed(UUID org, String layer, String subject, String key, OffsetDateTime until) throws Exception {
        Fixtures.exec("INSERT INTO removed_setting (organization_id, layer, subject, key, removed_at, reset_until)"
                + " VALUES (?, ?, ?, ?, now(), ?)", org, layer, subject, key, until);
    }

    @BeforeEach
    void ready() {
        Readiness.await();
    }

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    PhoneClient phone(String userAgent) {
        return new PhoneClient(base.toString(), userAgent, "198.51.101." + IP.incrementAndGet());
    }

    static String colon(String mac) {
        return MacAddress.parse(mac).colonSeparated();
    }

    @Test
    void everyCommonFileCarriesThePlatformScheduleAndIsTheSameForEveryPhoneOfTheOrganization() throws Exception {
        Set<String> bodies = new HashSet<>();
        for (String mac : MACS) {
            boolean t46u = Integer.parseInt(mac.substring(8), 16) % 2 == 0;
            PhoneClient p = phone(t46u
                    ? "Yealink SIP-T46U 108.86.0.90 " + colon(mac)
                    : "Yealink SIP-T54W 96.86.0.100 " + colon(mac));
            HttpResponse<byte[]> common = p.fetchDigest(t46u ? "/y000000000108.cfg" : "/y000000000096.cfg", "spread",
                    "spread-pw");
            assertThat(common.statusCode()).isEqualTo(200);
            assertThat(PhoneClient.lines(common)).contains(P + "weekly.enable = 1", P + "weekly.dayofweek = 0123456",
                    P + "weekly.begin_time = 02:00", P + "weekly.end_time = 04:00", P + "weekly_upgrade_interval = 0",
                    P + "inactivity_time_expire = 0", P + "flexible.enable = 0", P + "repeat.enable = 0");
            bodies.add((t46u ? "108:" : "096:") + PhoneClient.md5(common.body()));
        }
        assertThat(bodies).as("one common file per model for the whole organization").hasSize(2);
    }

    @Test
    void eachMacFileNarrowsTheWindowToTheDevicesOwnMinuteSpreadingTheOrganization() throws Exception {
        Set<String> minutes = new HashSet<>();
        for (String mac : MACS) {
            PhoneClient p = phone("Yealink SIP-T46U 108.86.0.90 " + colon(mac));
            HttpResponse<byte[]> cfg = p.fetchDigest("/" + mac + ".cfg", "spread", "spread-pw");
            assertThat(cfg.statusCode()).isEqualTo(200);
            String begin = PhoneClient.lines(cfg).stream().filter(l -> l.startsWith(P + "weekly.begin_time = "))
                    .findFirst().orElseThrow().substring((P + "weekly.begin_time = ").length());
            LocalTime b = LocalTime.parse(begin);
            assertThat(b).isBetween(LocalTime.of(2, 0), LocalTime.of(3, 59));
            assertThat(PhoneClient.lines(cfg)).contains(P + "weekly.end_time = " + b.plusMinutes(1));
            assertThat(b).isEqualTo(LocalTime.of(2, 0)
                    .plusMinutes(UpdateSchedule.PLATFORM_DEFAULT.slot(MacAddress.parse(mac))));
            minutes.add(begin);
        }
        // 24 phones over a 120-minute window, each on the minute its MAC gives it
        assertThat(minutes).hasSizeGreaterThanOrEqualTo(18);
    }

    @Test
    void anOrganizationsOwnScheduleReplacesThePlatformDefault() throws Exception {
        PhoneClient p = phone("Yealink SIP-T46U 108.86.0.90 00:15:65:d2:00:01");
        assertThat(PhoneClient.lines(p.fetchDigest("/y000000000108.cfg", "weekly", "weekly-pw"))).contains(
                P + "weekly.enable = 1", P + "weekly.dayofweek = 16", P + "weekly.begin_time = 22:00",
                P + "weekly.end_time = 23:30", P + "repeat.enable = 1", P + "repeat.minutes = 1440");
        String slot = LocalTime.of(22, 0)
                .plusMinutes(new UpdateSchedule(Set.of(java.time.DayOfWeek.MONDAY), LocalTime.of(22, 0),
                        LocalTime.of(23, 30), null).slot(MacAddress.parse("001565d20001")))
                .toString();
        assertThat(PhoneClient.lines(p.fetchDigest("/001565d20001.cfg", "weekly", "weekly-pw")))
                .contains(P + "weekly.begin_time = " + slot);
    }

    @Test
    void removedKeysAreResetUntilTheirWindowEndsAndThenLeaveTheFiles() throws Exception {
        PhoneClient p = phone("Yealink SIP-T46U 108.86.0.90 00:15:65:d3:00:01");
        List<String> common = PhoneClient.lines(p.fetchDigest("/y000000000108.cfg", "reset", "reset-pw"));
        assertThat(common).contains("features.dnd.enable =", "voice.tone.country =", "lang.gui = English")
                .doesNotContain("lang.gui =", "wallpaper_upload.url =", "features.expired =");
        assertThat(PhoneClient.lines(p.fetchDigest("/001565d30001.cfg", "reset", "reset-pw")))
                .contains("phone_setting.title =");

        clock.advance(Duration.ofDays(11)); // past the model's key, within the organization's
        common = PhoneClient.lines(p.fetchDigest("/y000000000108.cfg", "reset", "reset-pw"));
        assertThat(common).contains("features.dnd.enable =").doesNotContain("voice.tone.country =");

        clock.advance(Duration.ofDays(20));
        assertThat(PhoneClient.lines(p.fetchDigest("/y000000000108.cfg", "reset", "reset-pw")))
                .noneMatch(l -> l.startsWith("features.dnd.enable"));
        assertThat(PhoneClient.lines(p.fetchDigest("/001565d30001.cfg", "reset", "reset-pw")))
                .noneMatch(l -> l.startsWith("phone_setting.title"));
    }
}
