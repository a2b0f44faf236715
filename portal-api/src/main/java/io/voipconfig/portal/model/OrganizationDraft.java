package io.voipconfig.portal.model;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.voipconfig.common.render.UpdateSchedule;
import io.voipconfig.portal.validation.OnCreate;
import io.voipconfig.portal.validation.PemCertificate;
import io.voipconfig.portal.validation.SingleLine;
import io.voipconfig.portal.validation.Slug;
import io.voipconfig.portal.validation.YealinkSettings;

/**
 * An organization as a client writes it. Field names follow the JSON, so a violation's path is the field the client
 * sent ({@code provisioning.username}).
 *
 * @param partnerId null: the caller's partner (the default partner for the operator); only the operator moves an
 *        organization to another partner
 * @param encryptionEnabled null keeps the current choice (off for a new organization)
 * @param graceDays how long phones keep working with what they hold after a rotation, a rename or a move away; null
 *        keeps the current value (30 for a new organization), 0 ends the old at once
 * @param updateSchedule null: the platform default
 */
public record OrganizationDraft(
        UUID id,
        UUID partnerId,
        @Slug String slug,
        @NotBlank(message = "is required") @SingleLine(max = 200) String name,
        @NotNull(message = "is required") @Valid Provisioning provisioning,
        Boolean encryptionEnabled,
        @YealinkSettings Map<String, String> settings,
        @PemCertificate String caCertificate,
        @Min(value = 0, message = GRACE_RULE) @Max(value = 365, message = GRACE_RULE) Integer graceDays,
        @Valid Schedule updateSchedule) {

    static final String GRACE_RULE = "0 to 365 days";

    static final String USERNAME_RULE = "1 to 64 letters, digits or . _ @ -";

    /**
     * When the phones check for changes (docs/config-service.md, "Update schedule").
     *
     * @param days the days of the weekly check (empty: none)
     * @param windowStart HH:MM, phone-local time
     * @param windowEnd HH:MM, after windowStart on the same day
     * @param repeatMinutes also every so many minutes; null: not repeatedly
     */
    public record Schedule(
            @NotNull(message = "is required (an empty list: no weekly check)") Set<DayOfWeek> days,
            @NotNull(message = "is required") @Pattern(regexp = HH_MM, message = TIME_RULE) String windowStart,
            @NotNull(message = "is required") @Pattern(regexp = HH_MM, message = TIME_RULE) String windowEnd,
            @Min(value = UpdateSchedule.MIN_REPEAT_MINUTES, message = REPEAT_RULE) @Max(value = UpdateSchedule.MAX_REPEAT_MINUTES, message = REPEAT_RULE) Integer repeatMinutes) {

        static final String HH_MM = "([01][0-9]|2[0-3]):[0-5][0-9]";
        static final String TIME_RULE = "a time of day as HH:MM";
        static final String REPEAT_RULE = "from " + UpdateSchedule.MIN_REPEAT_MINUTES + " to "
                + UpdateSchedule.MAX_REPEAT_MINUTES + " minutes";

        /** Whether the window ends after it starts (what Bean Validation cannot see field by field). */
        public boolean windowEndsAfterStart() {
            return windowStart == null || windowEnd == null || !windowStart.matches(HH_MM)
                    || !windowEnd.matches(HH_MM) || windowEnd.compareTo(windowStart) > 0;
        }

        /** As rendered; only for a schedule that validated. */
        public UpdateSchedule toSchedule() {
            return new UpdateSchedule(days, LocalTime.parse(windowStart), LocalTime.parse(windowEnd), repeatMinutes);
        }
    }

    /**
     * The credentials RPS hands the phones.
     *
     * @param password null or empty keeps the stored one; required on create
     * @param authMode null is DIGEST
     */
    public record Provisioning(
            @NotNull(message = USERNAME_RULE) @Pattern(regexp = "[A-Za-z0-9._@-]{1,64}", message = USERNAME_RULE) String username,
            @NotEmpty(groups = OnCreate.class, message = "is required") @Pattern(regexp = "(?s)|.{8,128}", message = "must be 8 to 128 characters") @Pattern(regexp = "[\\x21-\\x7e]*", message = "printable ASCII without spaces only (phones send it in headers)") String password,
            @Pattern(regexp = "DIGEST|BASIC|BOTH", message = "one of DIGEST, BASIC, BOTH") String authMode) {

        public String authModeOrDefault() {
            return authMode == null ? "DIGEST" : authMode;
        }

        public boolean keepsPassword() {
            return password == null || password.isEmpty();
        }
    }
}
