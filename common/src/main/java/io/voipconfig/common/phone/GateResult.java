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

    /** The phone is who it says; {@code device} is present when a MAC was identified. */
    record Allowed(
            OrgView org,
            Optional<DeviceView> device,
            Optional<MacAddress> mac,
            Optional<YealinkUserAgent> userAgent) implements GateResult {
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
