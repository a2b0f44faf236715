package io.voipconfig.portal.rest.dto;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.voipconfig.portal.service.Fingerprints;

/** Provisioning activity JSON. */
public final class ActivityDto {

    private ActivityDto() {
    }

    @Schema(name = "Activity", description = "One phone request as a phone-facing service saw it, or its repeats within"
            + " a second folded into one (requests, from firstAt to occurredAt)")
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
            @Schema(description = "A keyed fingerprint of the body sent (equal bodies, equal fingerprints), not its MD5") String bodyFingerprint,
            String detail,
            @Schema(description = "How many requests alike in everything but their time this entry stands for") int requests,
            @Schema(description = "When the first of them came (occurredAt is the last); occurredAt for one request") OffsetDateTime firstAt) {

        public static Activity of(io.voipconfig.portal.model.Activity a, Fingerprints fingerprints) {
            return new Activity(a.eventId(), a.occurredAt(), a.service(), a.mac(), a.clientIp(), a.userAgent(),
                    a.model(), a.firmware(), a.file(), a.outcome(), a.status(), fingerprints.of(a.bodyMd5()),
                    a.detail(), a.requests(), a.firstAt() != null ? a.firstAt() : a.occurredAt());
        }
    }
}
