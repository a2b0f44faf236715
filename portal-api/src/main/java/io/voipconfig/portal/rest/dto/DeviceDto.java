package io.voipconfig.portal.rest.dto;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.voipconfig.common.settings.SecretSettings;
import io.voipconfig.portal.model.DeviceDraft;
import io.voipconfig.portal.model.DeviceDraft.SipAccountDraft;
import io.voipconfig.portal.model.DeviceStatus;
import io.voipconfig.portal.model.FleetState;
import io.voipconfig.portal.service.Fingerprints;

/** Device JSON. */
public final class DeviceDto {

    private DeviceDto() {
    }

    @Schema(name = "Device", description = "A phone, known by its MAC address, with its SIP accounts and settings.")
    public record Device(
            @Schema(example = "001565a0c001", description = "Canonical form: 12 lower-case hex digits") String mac,
            UUID organizationId,
            @Schema(example = "T46U") String model,
            @Schema(example = "Reception") String label,
            List<Account> accounts,
            @Schema(example = "{\"phone_setting.backlight_time\": \"60\"}") Map<String, String> settings,
            @Schema(description = "Phonebooks this phone may read, in the order the phone lists them") List<Long> phonebookIds,
            @Schema(example = "acme-wallpaper.png") String wallpaper,
            String ringtone,
            long version,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            @Schema(description = "In device lists only (null elsewhere): presence, pending change and RPS state") State state) {

        public static Device of(io.voipconfig.portal.model.Device d) {
            return of(d, null);
        }

        /** As a caller who may not read secrets sees it: secret setting values masked. */
        public Device masked() {
            return new Device(mac, organizationId, model, label, accounts, SecretSettings.masked(settings),
                    phonebookIds,
                    wallpaper, ringtone, version, createdAt, updatedAt, state);
        }

        public static Device of(FleetState.Item item) {
            return of(item.device(), State.of(item.state()));
        }

        private static Device of(io.voipconfig.portal.model.Device d, State state) {
            List<Account> accounts = d.accounts.stream().map(a -> new Account(a.accountIndex, a.label,
                    a.displayName, a.userName, a.authName, a.passwordEnc != null, a.server, a.port, a.transport))
                    .toList();
            return new Device(d.mac, d.organizationId, d.model, d.label, accounts, d.sortedSettings(),
                    d.phonebookIds(), d.wallpaper, d.ringtone, d.version, d.createdAt, d.updatedAt, state);
        }
    }

    @Schema(name = "DeviceState", description = "What the fleet view shows beside a device's configuration.")
    public record State(
            @Schema(description = "When the phone last asked for anything; null: never seen") OffsetDateTime lastSeenAt,
            @Schema(example = "192.0.2.10") String lastIp,
            @Schema(description = "From the phone's User-Agent", example = "108.86.0.90") String firmware,
            @Schema(description = "Outcome of its last request", example = "SUCCESS") String lastOutcome,
            @Schema(description = "false while a change of the device or its organization is newer than the configuration"
                    + " file the phone last received (pending); null until the phone has received it once") Boolean upToDate,
            @Schema(description = "rps-sync-service's state of the device; null until mirrored", enumeration = {
                    "PENDING", "SYNCED", "CONFLICT", "FAILED", "DELETED"}) String rpsStatus,
            @Schema(description = "RPS's last error for the device") String rpsError){

        static State of(FleetState s) {
            return new State(s.lastSeenAt(), s.lastIp(), s.firmware(), s.lastOutcome(), s.upToDate(), s.rpsStatus(),
                    s.rpsError());
        }
    }

    @Schema(name = "Account")
    public record Account(
            @Schema(example = "1") int index,
            @Schema(example = "1001") String label,
            @Schema(example = "Reception") String displayName,
            @Schema(example = "1001") String userName,
            @Schema(example = "1001") String authName,
            @Schema(description = "SIP passwords are write-only") boolean passwordSet,
            @Schema(example = "sip.example.com") String server,
            @Schema(example = "5060") int port,
            @Schema(enumeration = {
                    "UDP", "TCP", "TLS"}) String transport){
    }

    @Schema(name = "DeviceInput")
    @JsonIgnoreProperties(value = {"organizationId", "version", "createdAt", "updatedAt", "state"})
    public record Input(
            @Schema(required = true, example = "00:15:65:a0:c0:01", description = "Any notation; must match the path on update") String mac,
            @Schema(required = true, example = "T46U") String model,
            String label,
            List<AccountInput> accounts,
            Map<String, String> settings,
            List<Long> phonebookIds,
            String wallpaper,
            String ringtone) {

        public DeviceDraft toDraft() {
            return new DeviceDraft(mac, model, label, accounts == null
                    ? null
                    : accounts.stream()
                            .map(a -> a == null ? null : a.toDraft()).toList(),
                    settings, phonebookIds, wallpaper, ringtone);
        }
    }

    @Schema(name = "DeviceMove", description = "Where the device goes")
    public record MoveInput(
            @Schema(required = true, example = "globex", description = "Target organization: id or slug") String organization) {
    }

    @Schema(name = "AccountInput")
    @JsonIgnoreProperties(value = {"passwordSet"})
    public record AccountInput(
            @Schema(required = true, example = "1") Integer index,
            String label,
            String displayName,
            @Schema(required = true, example = "1001") String userName,
            String authName,
            @Schema(writeOnly = true, description = "Omit to keep the stored password of this account index") String password,
            @Schema(required = true, example = "sip.example.com") String server,
            @Schema(defaultValue = "5060") Integer port,
            @Schema(enumeration = {
                    "UDP", "TCP", "TLS"}, defaultValue = "UDP") String transport){

        SipAccountDraft toDraft() {
            return new SipAccountDraft(index, label, displayName, userName, authName, password, server, port,
                    transport);
        }
    }

    @Schema(name = "DeviceStatus", description = "What the phone last did and whether it has its current configuration")
    public record Status(
            String mac,
            @Schema(description = "Null when the phone never contacted us") OffsetDateTime lastSeenAt,
            String lastIp,
            String userAgent,
            @Schema(description = "Model from the User-Agent") String model,
            @Schema(description = "Firmware from the User-Agent") String firmware,
            String lastFile,
            String lastOutcome,
            List<FileStatus> files,
            @Schema(description = "True when every file delivered matches what would be served now; null when nothing was delivered yet") Boolean upToDate) {

        public static Status of(DeviceStatus s, Fingerprints fingerprints) {
            var p = s.presence();
            return new Status(s.mac(), p.lastSeenAt(), p.lastIp(), p.userAgent(), p.model(), p.firmware(),
                    p.lastFile(), p.lastOutcome(), s.files().stream().map(f -> new FileStatus(f.file(),
                            fingerprints.of(f.deliveredMd5()), f.deliveredAt(), fingerprints.of(f.currentMd5()),
                            f.current())).toList(),
                    s.upToDate());
        }
    }

    @Schema(name = "FileStatus", description = "A file the phone was given and what it would get now, each as a keyed fingerprint (equal files, equal fingerprints; not an MD5, which would let a reader test guessed secrets against the masked preview)")
    public record FileStatus(
            String file,
            String deliveredFingerprint,
            OffsetDateTime deliveredAt,
            String currentFingerprint,
            boolean current) {
    }

    @Schema(name = "PreviewFile", description = "A file as the phone would get it: secrets masked in content; the fingerprint is of the real bytes (keyed, so the masked text cannot be tested against it)")
    public record PreviewFile(String name, String contentType, String fingerprint, boolean encrypted, String content) {

        public static PreviewFile of(DeviceStatus.FilePreview f, Fingerprints fingerprints) {
            return new PreviewFile(f.name(), f.contentType(), fingerprints.of(f.md5()), f.encrypted(), f.content());
        }
    }
}
