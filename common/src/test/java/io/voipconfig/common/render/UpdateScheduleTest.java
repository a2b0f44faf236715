package io.voipconfig.common.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.voipconfig.common.mac.MacAddress;

class UpdateScheduleTest {

    static final String P = "static.auto_provision.";

    @Test
    void thePlatformDefaultChecksEveryNightBetweenTwoAndFourAtARandomTimeAndNeverRepeats() {
        assertThat(UpdateSchedule.PLATFORM_DEFAULT.commonKeys()).containsExactlyInAnyOrderEntriesOf(Map.of(
                P + "weekly.enable", "1", P + "weekly.dayofweek", "0123456", P + "weekly.begin_time", "02:00",
                P + "weekly.end_time", "04:00", P + "weekly_upgrade_interval", "0", P + "inactivity_time_expire", "0",
                P + "flexible.enable", "0", P + "repeat.enable", "0"));
    }

    @Test
    void daysAreYealinksDigitsFromSundayAndARepeatIntervalIsRenderedWithItsSwitch() {
        UpdateSchedule s = new UpdateSchedule(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.MONDAY, DayOfWeek.SUNDAY),
                LocalTime.of(22, 15), LocalTime.of(23, 45), 1440);
        assertThat(s.commonKeys()).containsEntry(P + "weekly.dayofweek", "016")
                .containsEntry(P + "repeat.enable", "1").containsEntry(P + "repeat.minutes", "1440");
    }

    @Test
    void withoutDaysTheWeeklyCheckIsSwitchedOffAndNoDeviceGetsAMinute() {
        UpdateSchedule s = new UpdateSchedule(Set.of(), LocalTime.of(2, 0), LocalTime.of(3, 0), 720);
        assertThat(s.commonKeys()).containsEntry(P + "weekly.enable", "0").doesNotContainKey(P + "weekly.begin_time");
        assertThat(s.deviceKeys(MacAddress.parse("001565000001"))).isEmpty();
    }

    @Test
    void devicesAreSpreadOverTheWindowEachAlwaysOnItsOwnMinute() {
        UpdateSchedule s = UpdateSchedule.PLATFORM_DEFAULT;
        Set<Integer> slots = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            MacAddress mac = MacAddress.parse(String.format("001565%06x", i));
            int slot = s.slot(mac);
            assertThat(slot).isBetween(0, s.windowMinutes() - 1);
            assertThat(s.slot(mac)).isEqualTo(slot);
            LocalTime begin = LocalTime.of(2, 0).plusMinutes(slot);
            assertThat(s.deviceKeys(mac)).isEqualTo(Map.of(P + "weekly.begin_time", begin.toString(),
                    P + "weekly.end_time", begin.plusMinutes(1).toString()));
            slots.add(slot);
        }
        // 200 phones over 120 minutes: most minutes are used, none by more than a few phones
        assertThat(slots).hasSizeGreaterThan(70);
    }

    @Test
    void theStoredFormReadsBackAndNothingStoredIsThePlatformDefault() {
        UpdateSchedule s = new UpdateSchedule(EnumSet.of(DayOfWeek.TUESDAY, DayOfWeek.FRIDAY), LocalTime.of(1, 30),
                LocalTime.of(5, 0), 60);
        assertThat(s.toMap()).isEqualTo(Map.of("days", "TUESDAY,FRIDAY", "windowStart", "01:30", "windowEnd", "05:00",
                "repeatMinutes", "60"));
        assertThat(UpdateSchedule.fromMap(s.toMap())).isEqualTo(s);
        assertThat(UpdateSchedule.fromMap(Map.of())).isEqualTo(UpdateSchedule.PLATFORM_DEFAULT);
        assertThat(UpdateSchedule.fromMap(null)).isEqualTo(UpdateSchedule.PLATFORM_DEFAULT);
    }

    @Test
    void aWindowMustEndAfterItStartsAndARepeatIntervalStaysWithinYealinksRange() {
        assertThatThrownBy(() -> new UpdateSchedule(Set.of(), LocalTime.of(4, 0), LocalTime.of(2, 0), null))
                .hasMessageContaining("end after it starts");
        assertThatThrownBy(() -> new UpdateSchedule(Set.of(), LocalTime.of(2, 0), LocalTime.of(4, 0), 5))
                .hasMessageContaining("60 to 43200");
    }
}
