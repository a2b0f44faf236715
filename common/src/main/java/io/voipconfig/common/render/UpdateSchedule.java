package io.voipconfig.common.render;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

import io.voipconfig.common.mac.MacAddress;

/**
 * When an organization's phones check for changes on their own (docs/yealink.md §2.9, docs/config-service.md "Update
 * schedule"): on the given days within a daily window (Yealink's weekly mode), and optionally every
 * {@code repeatMinutes} as well (its repeat mode). The common file carries the window, identical for every phone of
 * the organization; each MAC file narrows it to the device's own minute ({@link #deviceKeys}), derived from its MAC,
 * so that an organization is spread over the whole window whatever the phones' clocks and random numbers do.
 *
 * @param days the days of the weekly check; empty: no weekly check
 * @param windowStart the window's first minute, phone-local time
 * @param windowEnd the window's end (after its start, on the same day)
 * @param repeatMinutes also every so many minutes (60 to 43,200); null: no repeated check
 */
public record UpdateSchedule(Set<DayOfWeek> days, LocalTime windowStart, LocalTime windowEnd, Integer repeatMinutes) {

    public static final int MIN_REPEAT_MINUTES = 60;
    public static final int MAX_REPEAT_MINUTES = 43_200;

    /** Every night between 02:00 and 04:00, no repeated check: what an organization gets until it chooses. */
    public static final UpdateSchedule PLATFORM_DEFAULT = new UpdateSchedule(EnumSet.allOf(DayOfWeek.class),
            LocalTime.of(2, 0), LocalTime.of(4, 0), null);

    private static final String P = "static.auto_provision.";
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    /** The keys the schedule renders: settings may not set them (one way to set the schedule). */
    public static final Set<String> KEYS = Set.of(P + "weekly.enable", P + "weekly.dayofweek",
            P + "weekly.begin_time", P + "weekly.end_time", P + "weekly_upgrade_interval",
            P + "inactivity_time_expire", P + "repeat.enable", P + "repeat.minutes", P + "flexible.enable");

    public UpdateSchedule {
        days = days == null || days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
        if (windowStart == null || windowEnd == null) {
            throw new IllegalArgumentException("a window start and end are required");
        }
        windowStart = windowStart.truncatedTo(ChronoUnit.MINUTES);
        windowEnd = windowEnd.truncatedTo(ChronoUnit.MINUTES);
        if (!windowEnd.isAfter(windowStart)) {
            throw new IllegalArgumentException("the window must end after it starts, on the same day");
        }
        if (repeatMinutes != null && (repeatMinutes < MIN_REPEAT_MINUTES || repeatMinutes > MAX_REPEAT_MINUTES)) {
            throw new IllegalArgumentException(
                    "repeatMinutes must be " + MIN_REPEAT_MINUTES + " to " + MAX_REPEAT_MINUTES);
        }
    }

    /** The window's length in minutes. */
    public int windowMinutes() {
        return (int) ChronoUnit.MINUTES.between(windowStart, windowEnd);
    }

    /**
     * The keys of every common file. All of them, always (0 for what is off), so that no earlier schedule lingers on a
     * phone. Yealink's semantics (docs/yealink.md §2.9): {@code weekly_upgrade_interval = 0} checks on every listed day
     * each week; {@code inactivity_time_expire = 0} checks at a random time between begin and end (any other value
     * waits for the phone to be idle that long, which would bring an idle fleet in together at the window's start).
     * Flexible mode is off: its interval is counted in days.
     */
    public Map<String, String> commonKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        boolean weekly = !days.isEmpty();
        keys.put(P + "weekly.enable", weekly ? "1" : "0");
        if (weekly) {
            keys.put(P + "weekly.dayofweek", yealinkDays());
            keys.put(P + "weekly.begin_time", HH_MM.format(windowStart));
            keys.put(P + "weekly.end_time", HH_MM.format(windowEnd));
            keys.put(P + "weekly_upgrade_interval", "0");
            keys.put(P + "inactivity_time_expire", "0");
        }
        keys.put(P + "flexible.enable", "0");
        keys.put(P + "repeat.enable", repeatMinutes == null ? "0" : "1");
        if (repeatMinutes != null) {
            keys.put(P + "repeat.minutes", repeatMinutes.toString());
        }
        return keys;
    }

    /**
     * The device's own minute of the window, for its MAC file (which overrides the common file): the same for the
     * device every time (its MAC's CRC-32 modulo the window's minutes), independent of the other devices, so adding or
     * removing one changes no other phone's file. Empty when there is no weekly check.
     */
    public Map<String, String> deviceKeys(MacAddress mac) {
        if (days.isEmpty()) {
            return Map.of();
        }
        LocalTime begin = windowStart.plusMinutes(slot(mac));
        return Map.of(P + "weekly.begin_time", HH_MM.format(begin), P + "weekly.end_time",
                HH_MM.format(begin.plusMinutes(1)));
    }

    /** The device's minute within the window, 0 to {@code windowMinutes() - 1}. */
    public int slot(MacAddress mac) {
        CRC32 crc = new CRC32();
        crc.update(mac.value().getBytes(StandardCharsets.US_ASCII));
        return (int) (crc.getValue() % windowMinutes());
    }

    /** Yealink's day digits, 0 = Sunday to 6 = Saturday, in that order. */
    String yealinkDays() {
        return days.stream().map(d -> d.getValue() % 7).sorted().map(String::valueOf).collect(Collectors.joining());
    }

    /** The form it is stored in ({@code organization.update_schedule}): days by name, times as HH:MM. */
    public Map<String, String> toMap() {
        Map<String, String> m = new TreeMap<>();
        m.put("days", days.stream().sorted().map(DayOfWeek::name).collect(Collectors.joining(",")));
        m.put("windowStart", HH_MM.format(windowStart));
        m.put("windowEnd", HH_MM.format(windowEnd));
        if (repeatMinutes != null) {
            m.put("repeatMinutes", repeatMinutes.toString());
        }
        return m;
    }

    /** The stored form read back; null or empty: {@link #PLATFORM_DEFAULT}. */
    public static UpdateSchedule fromMap(Map<String, String> m) {
        if (m == null || m.isEmpty()) {
            return PLATFORM_DEFAULT;
        }
        String days = m.getOrDefault("days", "");
        Set<DayOfWeek> set = days.isBlank()
                ? Set.of()
                : Arrays.stream(days.split(",")).map(String::strip).map(DayOfWeek::valueOf)
                        .collect(Collectors.toSet());
        String repeat = m.get("repeatMinutes");
        return new UpdateSchedule(set, LocalTime.parse(m.get("windowStart")), LocalTime.parse(m.get("windowEnd")),
                repeat == null ? null : Integer.valueOf(repeat));
    }
}
