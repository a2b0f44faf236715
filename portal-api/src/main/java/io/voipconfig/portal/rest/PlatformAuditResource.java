package io.voipconfig.portal.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.rest.dto.AuditEntryDto.AuditEntry;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.AuditService;
import io.voipconfig.portal.service.Page;

/** The whole audit trail, for the operator; an organization's own is {@link AuditResource}. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit trail")
public class PlatformAuditResource {

    private final AuditService audit;

    public PlatformAuditResource(AuditService audit) {
        this.audit = audit;
    }

    @GET
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "Every audit entry (organizations', partners' and the platform's), newest first", description = AuditResource.FILTERS)
    public Uni<Page<AuditEntry>> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @QueryParam("sort") String sort, @Parameter(example = "alice") @QueryParam("username") String username,
            @Parameter(example = "transfer") @QueryParam("action") String action,
            @Parameter(example = "2026-11-24T00:00:00Z") @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return audit.listAll(AuditResource.request(page, size, sort),
                AuditResource.filter(username, action, from, to)).map(p -> p.map(AuditEntry::of));
    }
}
