package io.voipconfig.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * One phone request, as seen by a phone-facing service (topic {@link Topics#ACTIVITY}). Never carries credentials.
 *
 * @param organizationId null when the request could not be tied to an organization
 * @param mac canonical MAC, null when none could be identified
 * @param bodyMd5 hex MD5 of the body sent, null when none was sent
 * @param detail a short reason for failures (e.g. the unknown placeholder)
 */
public record ProvisioningActivity(
        UUID eventId,
        Instant time,
        String service,
        String organizationId,
        String mac,
        String clientIp,
        String userAgent,
        String model,
        String firmware,
        String file,
        Outcome outcome,
        int status,
        String bodyMd5,
        String detail) {

    public enum Outcome {
        SUCCESS,
        NOT_MODIFIED,
        NO_CREDENTIALS,
        WRONG_CREDENTIALS,
        UNKNOWN_MAC,
        NOT_FOUND,
        FORBIDDEN,
        /** A stored setting cannot be rendered (503); the detail names it. */
        RENDER_ERROR,
        /** The service could not answer (503), e.g. the database was unreachable. */
        SERVER_ERROR,
        THROTTLED,
        BAD_REQUEST
    }
}
