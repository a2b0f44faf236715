package io.voipconfig.portal.rest.dto;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Security event JSON. */
public final class SecurityEventDto {

    private SecurityEventDto() {
    }

    @Schema(name = "SecurityEvent", description = "Phone requests from one address with one outcome in one minute that the gate did not allow (or that needed no credentials), counted")
    public record SecurityEvent(
            @Schema(description = "The minute counted (UTC, seconds zero)") OffsetDateTime minute,
            @Schema(description = "The organization the requests named or whose MAC they asked for; null when none") UUID organizationId,
            String clientIp,
            @Schema(example = "WRONG_CREDENTIALS") String outcome,
            long requests,
            OffsetDateTime firstAt,
            OffsetDateTime lastAt) {

        public static SecurityEvent of(io.voipconfig.portal.model.SecurityEvent e) {
            return new SecurityEvent(e.minute(), e.organizationId(), e.clientIp(), e.outcome(), e.requests(),
                    e.firstAt(), e.lastAt());
        }
    }
}
