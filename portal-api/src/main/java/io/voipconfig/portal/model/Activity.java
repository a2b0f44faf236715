package io.voipconfig.portal.model;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One phone request as a phone-facing service saw it, or its repeats folded into one: {@code requests} of them, the
 * first at {@code firstAt}, the last at {@code occurredAt}.
 */
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
        String detail,
        int requests,
        OffsetDateTime firstAt) {
}
