package io.voipconfig.portal.rest.dto;

import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.voipconfig.common.render.UpdateSchedule;
import io.voipconfig.common.settings.SecretSettings;
import io.voipconfig.portal.model.FleetState;
import io.voipconfig.portal.model.OrganizationDraft;
import io.voipconfig.portal.model.Timestamps;

/** Organization JSON: what is read ({@link Organization}) and what is written ({@link Input}). */
public final class OrganizationDto {

    private OrganizationDto() {
    }

    @Schema(name = "Organization", description = "A customer organization: its phones' provisioning credentials, encryption and settings.")
    public record Organization(
            @Schema(example = "a0000000-0000-4000-8000-0000000000ac") UUID id,
            @Schema(description = "The partner the organization belongs to", example = "00000000-0000-4000-8000-000000000001") UUID partnerId,
            @Schema(example = "acme", description = "Lower-case letters, digits and '-'; part of the provisioning URL") String slug,
            @Schema(example = "Acme Corporation") String name,
            Provisioning provisioning,
            Encryption encryption,
            @Schema(description = "Yealink settings (key = value) for every phone of the organization", example = "{\"local_time.ntp_server1\": \"pool.ntp.org\"}") Map<String, String> settings,
            @Schema(description = "PEM certificate phones should trust (served as ca.pem)") String caCertificate,
            @Schema(description = GRACE_DAYS, example = "30") int graceDays,
            @Schema(description = "Old slugs still served to phones after a rename, until they end") List<SlugAlias> formerSlugs,
            @Schema(description = "Its own update schedule; null: it follows the platform default") Schedule updateSchedule,
            @Schema(description = "The schedule its phones get: its own, else the platform default") Schedule effectiveUpdateSchedule,
            @Schema(description = "At most this many devices, a limit its partner sets (PUT .../device-quota); null: none beyond the partner's") Integer maxDevices,
            @Schema(description = "Increases with every change; also the ETag") long version,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            @Schema(description = "In the organization list only (null elsewhere): its fleet at a glance") Fleet fleet) {

        /**
         * @param provisioningUrl where the organization's phones reach config-service, e.g.
         *        {@code https://prov.example.com} (its partner's host name when it has one)
         */
        /**
         * @param formerSlugs its old slugs still served (read apart: null in lists)
         */
        public static Organization of(io.voipconfig.portal.model.Organization o, String provisioningUrl,
                List<io.voipconfig.portal.model.SlugAlias> formerSlugs) {
            String url = provisioningUrl.replaceAll("/+$", "") + "/o/" + o.slug + "/";
            OffsetDateTime now = Timestamps.now();
            Previous previous = Previous.of(o, now);
            return new Organization(o.id, o.partnerId, o.slug, o.name,
                    new Provisioning(o.username, o.passwordEnc != null, o.authMode, url, o.credentialsChangedAt,
                            previous),
                    new Encryption(o.encryptionEnabled), o.sortedSettings(), o.caCertificate, o.graceDays,
                    formerSlugs == null
                            ? null
                            : formerSlugs.stream().filter(a -> a.activeAt(now))
                                    .map(a -> new SlugAlias(a.slug, a.validUntil)).toList(),
                    o.updateSchedule == null ? null : Schedule.of(o.schedule()), Schedule.of(o.schedule()),
                    o.maxDevices, o.version, o.createdAt, o.updatedAt, null);
        }

        /** As a caller who may not read secrets sees it: secret setting values masked. */
        public Organization masked() {
            return new Organization(id, partnerId, slug, name, provisioning, encryption,
                    SecretSettings.masked(settings),
                    caCertificate, graceDays, formerSlugs, updateSchedule, effectiveUpdateSchedule, maxDevices, version,
                    createdAt, updatedAt, fleet);
        }

        public Organization withFleet(FleetState.Counts counts) {
            FleetState.Counts c = counts == null ? FleetState.Counts.NONE : counts;
            return new Organization(id, partnerId, slug, name, provisioning, encryption, settings, caCertificate,
                    graceDays, formerSlugs, updateSchedule, effectiveUpdateSchedule, maxDevices, version, createdAt,
                    updatedAt, new Fleet(c.devices(), c.seenLastDay(), c.neverSeen(), c.pending(), c.wrongCredentials(),
                            c.rpsConflicts()));
        }
    }

    static final String GRACE_DAYS = "How long phones keep working with what they hold after the provisioning"
            + " credentials change, the slug is renamed or a device moves away (days, 0 to 365; 0 ends the old at"
            + " once, e.g. for a leaked password)";

    @Schema(name = "FormerSlug", description = "A slug the organization was renamed from, still served to phones that hold URLs with it.")
    public record SlugAlias(String slug, OffsetDateTime validUntil) {
    }

    @Schema(name = "PreviousCredentials", description = "The provisioning credentials before the last change, still accepted from phones that have not used the new ones.")
    public record Previous(String username, OffsetDateTime validUntil) {

        /** The organization's previous credentials while they are accepted; null otherwise. */
        static Previous of(io.voipconfig.portal.model.Organization o, OffsetDateTime now) {
            return o.previousUntil != null && now.isBefore(o.previousUntil)
                    ? new Previous(o.previousUsername, o.previousUntil)
                    : null;
        }
    }

    @Schema(name = "OrganizationFleet", description = "How an organization's phones are doing (the fleet view's counts).")
    public record Fleet(
            long devices,
            @Schema(description = "Seen in the last 24 hours") long seenLastDay,
            long neverSeen,
            @Schema(description = "A change has not reached the phone yet") long pending,
            @Schema(description = "Addresses refused for wrong credentials in the last 24 hours (security events; refused requests never change a device's state)") long wrongCredentials,
            long rpsConflicts) {
    }

    @Schema(name = "UpdateSchedule", description = "When the phones check for changes on their own: on these days at a time"
            + " within the window (each phone on a minute of its own), and every repeatMinutes if set")
    public record Schedule(
            @Schema(description = "Days of the weekly check; empty: none", example = "[\"MONDAY\", \"TUESDAY\", \"WEDNESDAY\", \"THURSDAY\", \"FRIDAY\"]") List<DayOfWeek> days,
            @Schema(description = "HH:MM, the phone's local time", example = "02:00") String windowStart,
            @Schema(description = "HH:MM, after windowStart on the same day", example = "04:00") String windowEnd,
            @Schema(description = "Also every so many minutes (60 to 43200); null: not repeatedly", example = "1440") Integer repeatMinutes) {

        static Schedule of(UpdateSchedule s) {
            Map<String, String> m = s.toMap();
            return new Schedule(s.days().stream().sorted().toList(), m.get("windowStart"), m.get("windowEnd"),
                    s.repeatMinutes());
        }

        OrganizationDraft.Schedule toDraft() {
            return new OrganizationDraft.Schedule(days == null ? null : Set.copyOf(days), windowStart, windowEnd,
                    repeatMinutes);
        }
    }

    @Schema(name = "Provisioning")
    public record Provisioning(
            @Schema(example = "acme") String username,
            @Schema(description = "The password is write-only; this says whether one is set") boolean passwordSet,
            @Schema(enumeration = {
                    "DIGEST", "BASIC", "BOTH"}) String authMode,
            @Schema(description = "Where RPS sends the phones", example = "https://prov.example.com/o/acme/") String url,
            @Schema(description = "When the user name or password last changed; null if never") OffsetDateTime changedAt,
            @Schema(description = "While a rotation is in progress: the replaced set, still accepted (rotation progress: GET .../credentials)") Previous previous){
    }

    @Schema(name = "Encryption")
    public record Encryption(
            @Schema(description = "Serve AES-encrypted config files (key generated by the server)") boolean enabled) {
    }

    @Schema(name = "OrganizationInput")
    @JsonIgnoreProperties(value = {"version", "createdAt", "updatedAt", "fleet", "formerSlugs",
            "effectiveUpdateSchedule", "maxDevices"})
    public record Input(
            @Schema(description = "Optional on create: a fixed id") UUID id,
            @Schema(description = "Optional: the caller's partner when omitted; only the operator names another one") UUID partnerId,
            @Schema(required = true, example = "acme") String slug,
            @Schema(required = true, example = "Acme Corporation") String name,
            @Schema(required = true) ProvisioningInput provisioning,
            EncryptionInput encryption,
            Map<String, String> settings,
            String caCertificate,
            @Schema(description = GRACE_DAYS + "; omit to keep it (30 for a new organization)") Integer graceDays,
            @Schema(description = "Optional: null or omitted follows the platform default") Schedule updateSchedule) {

        public OrganizationDraft toDraft() {
            return new OrganizationDraft(id, partnerId, slug, name,
                    provisioning == null ? null : provisioning.toDraft(),
                    encryption == null ? null : encryption.enabled(), settings, caCertificate, graceDays,
                    updateSchedule == null ? null : updateSchedule.toDraft());
        }
    }

    @Schema(name = "ProvisioningInput")
    @JsonIgnoreProperties(value = {"passwordSet", "url", "changedAt", "previous"})
    public record ProvisioningInput(
            @Schema(required = true, example = "acme") String username,
            @Schema(description = "Required on create; omit to keep the current one", example = "s3cret-Provisioning", writeOnly = true) String password,
            @Schema(enumeration = {
                    "DIGEST", "BASIC", "BOTH"}, defaultValue = "DIGEST") String authMode){

        OrganizationDraft.Provisioning toDraft() {
            return new OrganizationDraft.Provisioning(username, password, authMode);
        }
    }

    @Schema(name = "EncryptionInput")
    public record EncryptionInput(Boolean enabled) {
    }
}
