package io.voipconfig.common.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.voipconfig.common.catalog.PhoneModel;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.phone.AuthMode;
import io.voipconfig.common.phone.DeviceView;
import io.voipconfig.common.phone.OrgView;

/** Removed keys rendered as resets, and the update schedule, in the files both config-service and portal-api render. */
class RemovedKeysRenderingTest {

    static final PhoneModel T46U = new PhoneModel("T46U", "Yealink", "108", 16, 27, 480, 272);
    static final ConfigRenderer RENDERER = new ConfigRenderer(
            new ConfigRenderer.Urls("http://localhost:8081", "http://localhost:8082", "http://localhost:8083"),
            "yealink");

    static OrgView org(Map<String, String> settings) {
        return new OrgView(UUID.randomUUID(), "acme", "Acme", null, null, "acme", "pw", AuthMode.DIGEST, false, null,
                null, settings, 1, UpdateSchedule.PLATFORM_DEFAULT);
    }

    @Test
    void aRemovedKeyIsAnEmptyValueUntilItsWindowEnds() {
        Instant now = Instant.parse("2026-11-20T10:00:00Z");
        RemovedKeys removed = new RemovedKeys(Map.of("features.dnd.enable", now.plusSeconds(60),
                "lang.wui", now.minusSeconds(1)));

        String file = RENDERER.commonFile(org(Map.of()), T46U, Map.of(), Optional.empty(), removed.activeAt(now));

        assertThat(file.lines()).contains("features.dnd.enable =").doesNotContain("lang.wui =")
                .contains("lang.wui = English");
        assertThat(RENDERER.commonFile(org(Map.of()), T46U, Map.of(), Optional.empty(),
                removed.activeAt(now.plusSeconds(60)))).doesNotContain("features.dnd.enable");
    }

    @Test
    void aKeySetAgainInAnyLayerIsRenderedWithItsValueNotReset() {
        String file = RENDERER.commonFile(org(Map.of("features.dnd.enable", "1")), T46U,
                Map.of("voice.tone.country", "Germany"), Optional.empty(),
                Set.of("features.dnd.enable", "voice.tone.country", "static.auto_provision.server.url"));
        assertThat(file.lines()).contains("features.dnd.enable = 1", "voice.tone.country = Germany",
                "static.auto_provision.server.url = http://localhost:8081/o/acme/")
                .doesNotContain("features.dnd.enable =", "voice.tone.country =");
    }

    @Test
    void theScheduleIsInTheCommonFileAndTheDevicesMinuteInItsMacFile() {
        OrgView org = org(Map.of());
        MacAddress mac = MacAddress.parse("001565aa0001");
        DeviceView device = new DeviceView(mac, org.id(), "T46U", "Desk", Map.of("custom.key", "x"), null, null, 1);
        String common = RENDERER.commonFile(org, T46U, Map.of(), Optional.of(device), Set.of());
        assertThat(common.lines()).contains("static.auto_provision.weekly.begin_time = 02:00",
                "static.auto_provision.weekly.end_time = 04:00", "static.auto_provision.weekly.enable = 1");

        String macFile = RENDERER.macFile(org, device, T46U, List.of(), List.of(), Set.of("old.key"));
        String begin = UpdateSchedule.PLATFORM_DEFAULT.deviceKeys(mac).get("static.auto_provision.weekly.begin_time");
        assertThat(macFile.lines()).contains("static.auto_provision.weekly.begin_time = " + begin, "old.key =",
                "custom.key = x");
    }
}
