package io.voipconfig.portal.rest.dto;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.voipconfig.portal.model.PartnerDraft;

/** Partner JSON. */
public final class PartnerDto {

    private PartnerDto() {
    }

    @Schema(name = "Partner", description = "A reseller with its own customer organizations")
    public record Partner(
            @Schema(example = "00000000-0000-4000-8000-000000000001") UUID id,
            @Schema(example = "telco-one") String slug,
            @Schema(example = "Telco One") String name,
            @Schema(description = "At most this many organizations; null: no limit") Integer maxOrganizations,
            @Schema(description = "At most this many devices over all its organizations; null: no limit") Integer maxDevices,
            @Schema(description = "The host name its phones are provisioned under: phones that come in under it are matched only against this partner's organizations, and their files name it; null: the installation's", example = "prov.telco-one.example") String provisioningHost,
            @Schema(description = "The name the console shows its users", example = "Telco One Phones") String consoleName,
            @Schema(description = "Whether it has a logo (…/partners/{id}/logo)") boolean logo,
            long version,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {

        public static Partner of(io.voipconfig.portal.model.Partner p) {
            return new Partner(p.id, p.slug, p.name, p.maxOrganizations, p.maxDevices, p.provisioningHost,
                    p.consoleName, p.logoSha256 != null, p.version, p.createdAt, p.updatedAt);
        }
    }

    @Schema(name = "PartnerInput")
    @JsonIgnoreProperties(value = {"logo", "version", "createdAt", "updatedAt"})
    public record Input(
            @Schema(description = "Optional on create: a fixed id") UUID id,
            @Schema(required = true, example = "telco-one") String slug,
            @Schema(required = true, example = "Telco One") String name,
            Integer maxOrganizations,
            Integer maxDevices,
            String provisioningHost,
            String consoleName) {

        public PartnerDraft toDraft() {
            return new PartnerDraft(id, slug, name, maxOrganizations, maxDevices, provisioningHost, consoleName);
        }
    }

    @Schema(name = "PartnerLogo", description = "A partner's logo as stored")
    public record Logo(
            @Schema(example = "image/png") String contentType,
            @Schema(example = "240") int width,
            @Schema(example = "64") int height,
            long size,
            String sha256,
            OffsetDateTime updatedAt) {

        public static Logo of(io.voipconfig.portal.model.PartnerLogo l) {
            return new Logo(l.contentType, l.width, l.height, l.content.length, l.sha256, l.updatedAt);
        }
    }

    @Schema(name = "MacClaim", description = "A MAC one partner's organization asked for while another partner's organization holds it")
    public record MacClaim(
            long id,
            @Schema(example = "001565a0c001") String mac,
            UUID claimantOrganizationId,
            String claimantSlug,
            UUID holderOrganizationId,
            @Schema(description = "Null when the holding organization no longer exists") String holderSlug,
            OffsetDateTime claimedAt) {

        public static MacClaim of(io.voipconfig.portal.model.MacClaim c) {
            return new MacClaim(c.id(), c.mac(), c.claimantOrganizationId(), c.claimantSlug(),
                    c.holderOrganizationId(), c.holderSlug(), c.claimedAt());
        }
    }
}
