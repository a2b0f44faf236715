package io.voipconfig.common.phone;

import java.util.List;
import java.util.Optional;

import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.useragent.YealinkUserAgent;

/** What {@link PhoneGate} decided about a request. */
public sealed interface GateResult {

    Optional<YealinkUserAgent> userAgent();

    Optional<MacAddress> mac();

    /**
     * The phone is who it says; {@code device} is present when a MAC was identified.
     *
     * @param credentials which of the credentials {@code org}'s phones may use it authenticated with
     */
    record Allowed(
            OrgView org,
            Optional<DeviceView> device,
            Optional<MacAddress> mac,
            Optional<YealinkUserAgent> userAgent,
            Credentials credentials) implements GateResult {

        /** The generation of the organization's credentials the phone proved it holds; null for older ones. */
        public Integer credentialsGeneration() {
            return credentials == Credentials.CURRENT ? org.credentialsGeneration() : null;
        }
    }

    /** The credentials an allowed phone used (docs/config-service.md, "Rotation, renames and moves"). */
    enum Credentials {

        CURRENT(null),
        /** The set before a rotation, during its grace period; the files carry the current one. */
        PREVIOUS("previous credentials (rotation in progress)"),
        /** The organization's the device was moved from, during the move's grace period. */
        MOVED_FROM("credentials of the organization the device was moved from");

        private final String note;

        Credentials(String note) {
            this.note = note;
        }

        /** For the activity log: null for the current credentials. */
        public String note() {
            return note;
        }
    }

    /**
     * Refused: answer {@code status} with the {@code WWW-Authenticate} values given (for 401).
     *
     * @param organizationId the organization the activity is recorded under, if one is known
     * @param detail a short reason for the activity log; never a secret
     */
    record Denied(
            int status,
            Outcome outcome,
            List<String> challenges,
            Optional<String> organizationId,
            Optional<MacAddress> mac,
            Optional<YealinkUserAgent> userAgent,
            String detail) implements GateResult {
    }
}
