package io.voipconfig.portal.rest.dto;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Audit entry JSON. */
public final class AuditEntryDto {

    private AuditEntryDto() {
    }

    @Schema(name = "AuditEntry", description = "A write the API accepted: who, what, when and from where")
    public record AuditEntry(
            long id,
            OffsetDateTime at,
            @Schema(description = "The token's subject (the user's id in Keycloak, kept across renames)") String subject,
            @Schema(example = "alice") String username,
            @Schema(description = "The caller's highest role", example = "org-admin") String role,
            UUID partnerId,
            @Schema(description = "The organization written; null for partner and platform writes") UUID organizationId,
            @Schema(description = "Its slug at the time") String organizationSlug,
            @Schema(description = "create, update, delete, move, transfer, dismiss, rotate, resync, import or invite", example = "update") String action,
            @Schema(description = "The route, as in this document", example = "PUT /api/v1/organizations/{orgId}/devices/{mac}") String operation,
            @Schema(description = "The path written; for a creation, the created resource's", example = "/api/v1/organizations/acme/devices/001565aabbcc") String resource,
            @Schema(description = "The names of the fields the request set (one level into objects); never their values", example = "[\"label\", \"settings.lang.gui\"]") List<String> fields,
            @Schema(description = "The answer's status", example = "200") int status,
            @Schema(description = "The caller's address") String clientIp) {

        public static AuditEntry of(io.voipconfig.portal.model.AuditEntry e) {
            return new AuditEntry(e.id(), e.at(), e.subject(), e.username(), e.role(), e.partnerId(),
                    e.organizationId(), e.organizationSlug(), e.action(), e.operation(), e.resource(), e.fields(),
                    e.status(), e.clientIp());
        }
    }
}
