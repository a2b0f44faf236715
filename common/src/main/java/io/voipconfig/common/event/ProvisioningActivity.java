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
 * @param configVersion for a device's own configuration file delivered (200) or confirmed (304): the newest aggregate
 *        version it was rendered from (its organization's or its device's; versions come from one platform-wide
 *        sequence), so "is the phone's configuration current?" is a comparison of versions; null otherwise
 * @param credentialsGeneration for an answer served: the generation of the organization's credentials the phone
 *        authenticated with when they were the current ones (portal-api records that the device moved over); null
 *        for older credentials, unauthenticated paths and refusals
 * @param authenticated the gate allowed the request: its credentials proved the organization. False for refusals and
 *        for what needs no credentials (the CA certificate); portal-api counts those as security events and never lets
 *        them move a device's presence or deliveries, since their MAC and User-Agent are the sender's say-so. Absent
 *        (an older producer) reads as false.
 * @param requests how many requests alike in everything but their time this record stands for: 1 for a request sent as
 *        it came, more for the repeats a phone-facing service folded into one record at the end of a window. Absent
 *        (an older producer) reads as 1.
 * @param firstTime for folded repeats, the first one's time ({@code time} is the last's); null for a single request
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
        String detail,
        Long configVersion,
        Integer credentialsGeneration,
        boolean authenticated,
        int requests,
        Instant firstTime) {

    public ProvisioningActivity {
        requests = Math.max(requests, 1);
    }

    /** One request, as it came. */
    public ProvisioningActivity(UUID eventId, Instant time, String service, String organizationId, String mac,
            String clientIp, String userAgent, String model, String firmware, String file, Outcome outcome, int status,
            String bodyMd5, String detail, Long configVersion, Integer credentialsGeneration, boolean authenticated) {
        this(eventId, time, service, organizationId, mac, clientIp, userAgent, model, firmware, file, outcome, status,
                bodyMd5, detail, configVersion, credentialsGeneration, authenticated, 1, null);
    }

    /**
     * This request's kind: what requests alike in everything but their time share (no event id, no time, one
     * request); equal kinds are equal records.
     */
    public ProvisioningActivity kind() {
        return new ProvisioningActivity(null, null, service, organizationId, mac, clientIp, userAgent, model, firmware,
                file, outcome, status, bodyMd5, detail, configVersion, credentialsGeneration, authenticated);
    }

    /** A record of this kind for {@code requests} requests, the first at {@code first}, the last at {@code last}. */
    public ProvisioningActivity folded(UUID id, int requests, Instant first, Instant last) {
        return new ProvisioningActivity(id, last, service, organizationId, mac, clientIp, userAgent, model, firmware,
                file, outcome, status, bodyMd5, detail, configVersion, credentialsGeneration, authenticated, requests,
                first);
    }

    /** When the first of the requests this record stands for came. */
    public Instant firstRequestTime() {
        return firstTime != null ? firstTime : time;
    }

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
