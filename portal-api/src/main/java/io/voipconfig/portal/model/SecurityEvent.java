package io.voipconfig.portal.model;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Phone requests the gate did not allow, or that needed no credentials, from one address with one outcome in one
 * minute, counted (docs/portal-api.md, "Security events").
 *
 * @param organizationId null when no organization could be tied to the requests
 */
public record SecurityEvent(
        OffsetDateTime minute,
        UUID organizationId,
        String clientIp,
        String outcome,
        long requests,
        OffsetDateTime firstAt,
        OffsetDateTime lastAt) {
}
