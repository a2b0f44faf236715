package io.voipconfig.portal.rest.dto;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.voipconfig.portal.model.RotationDraft;
import io.voipconfig.portal.model.Timestamps;
import io.voipconfig.portal.repository.CredentialsProgressRepository.Progress;
import io.voipconfig.portal.service.CredentialRotationService.CredentialsStatus;

/** An organization's provisioning credentials: their rotation ({@link Input}, {@link Rotated}) and its progress. */
public final class CredentialsDto {

    private CredentialsDto() {
    }

    @Schema(name = "CredentialRotationInput", description = "New provisioning credentials; everything may be omitted (a generated password, the same user name, the organization's grace period).")
    public record Input(
            @Schema(description = "Omit to keep the current user name", example = "acme") String username,
            @Schema(description = "Omit to have a strong one generated (answered once)", writeOnly = true) String password,
            @Schema(description = "For this rotation only: how long the replaced set stays valid for phones that have not used the new one (0 to 365 days; 0 refuses it at once, for a leaked password). Omit for the organization's graceDays.") Integer graceDays) {

        public RotationDraft toDraft() {
            return new RotationDraft(username, password, graceDays);
        }
    }

    @Schema(name = "CredentialRotation", description = "The organization after the rotation and, when it was generated, the new password (shown only here).")
    public record Rotated(
            OrganizationDto.Organization organization,
            @Schema(description = "The generated password; null when the request named one") String generatedPassword) {
    }

    @Schema(name = "CredentialsStatus", description = "The provisioning credentials and how far their last change has reached the devices.")
    public record Status(
            String username,
            @Schema(description = "Increases with every change of the user name or password") int generation,
            @Schema(description = "When they last changed; null if never") OffsetDateTime changedAt,
            @Schema(description = "While a rotation is in progress: the replaced set, still accepted from devices that have not used the new one") OrganizationDto.Previous previous,
            long devices,
            @Schema(description = "Devices that authenticated with the current credentials") long devicesOnCurrent,
            @Schema(description = "Of the others, the one seen longest ago (or never seen): the phone to look at first; null when every device moved over") Device lastSeenLongestAgo) {

        public static Status of(CredentialsStatus status) {
            io.voipconfig.portal.model.Organization o = status.organization();
            Progress p = status.progress();
            return new Status(o.username, o.credentialsGeneration, o.credentialsChangedAt,
                    OrganizationDto.Previous.of(o, Timestamps.now()), p.devices(),
                    p.onCurrent(), p.lastSeenLongestAgo()
                            .map(l -> new Device(l.mac(), l.label(), l.lastSeenAt())).orElse(null));
        }
    }

    @Schema(name = "DeviceNotOnCurrentCredentials")
    public record Device(
            String mac,
            String label,
            @Schema(description = "null: never seen") OffsetDateTime lastSeenAt) {
    }
}
