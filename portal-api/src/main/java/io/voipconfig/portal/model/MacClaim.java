package io.voipconfig.portal.model;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A partner's organization asked for a MAC that another partner's organization holds. Only the operator sees it; it
 * is resolved by transferring the device to the claimant or by dismissing the claim.
 *
 * @param holderSlug null when the holding organization no longer exists
 * @param resolution null while open; TRANSFERRED or DISMISSED
 */
public record MacClaim(
        long id,
        String mac,
        UUID claimantOrganizationId,
        String claimantSlug,
        UUID holderOrganizationId,
        String holderSlug,
        OffsetDateTime claimedAt,
        OffsetDateTime resolvedAt,
        String resolution,
        String resolvedBy) {
}
