package io.voipconfig.portal.model;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One write portal-api accepted (docs/portal-api.md, "Audit trail").
 *
 * @param id null until stored
 * @param subject the token's subject (Keycloak's user id), stable across renames of the user
 * @param role the caller's highest role
 * @param organizationId the organization written (null for partner and platform writes)
 * @param action create, update, delete or the operation's verb (move, transfer, rotate, …)
 * @param operation the route, as in the OpenAPI document: {@code PUT /api/v1/organizations/{orgId}}
 * @param resource the path written (for a creation, the created resource's)
 * @param fields the names of the fields the request set; never their values
 * @param clientIp the caller's address (through trusted proxies)
 */
public record AuditEntry(
        Long id,
        OffsetDateTime at,
        String subject,
        String username,
        String role,
        UUID partnerId,
        UUID organizationId,
        String organizationSlug,
        String action,
        String operation,
        String resource,
        List<String> fields,
        int status,
        String clientIp) {
}
