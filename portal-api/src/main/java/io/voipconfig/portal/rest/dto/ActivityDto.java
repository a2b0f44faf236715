package io.voipconfig.portal.rest.dto;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Provisioning activity JSON. */
public final class ActivityDto {

    private ActivityDto() {
    }

    @Schema(name = "Activity", description = "One phone request as a phone-facing service saw it")
    public record Activity(
            UUID eventId,
            OffsetDateTime occurredAt,
            String service,
            String mac,
            String clientIp,
            String userAgent,
            String model,
            String firmware,
            String file,
            String outcome,
            int status,
            String bodyMd5,
            String detail) {

        public static Activity of(io.voipconfig.portal.model.Activity a) {
            return new Activity(a.eventId(), a.occurredAt(), a.service(), a.mac(), a.clientIp(), a.userAgent(),
                    a.model(), a.firmware(), a.file(), a.outcome(), a.status(), a.bodyMd5(), a.detail());
        }
    }
}
