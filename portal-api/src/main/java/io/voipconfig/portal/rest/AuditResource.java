package io.voipconfig.portal.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import io.voipconfig.portal.service.PageRequest;

@Path("/api/v1/organizations/{orgId}/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit trail", description = "Every write the API accepted: who (the token's subject, user name and role), what (route, path, action, the names of the fields set, never values), when and from where")
public class AuditResource {

    static final String FILTERS = "Filters: username, action (create, update, delete, move, transfer, dismiss, rotate, resync, import, invite), from (inclusive) and to (exclusive) as ISO-8601 times. Sortable by at, username, action.";

    private final AuditService audit;
    private final Caller caller;

    public AuditResource(AuditService audit, Caller caller) {
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "The organization's audit trail, newest first", description = FILTERS)
    public Uni<Page<AuditEntry>> list(@PathParam("orgId") String orgId, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size, @QueryParam("sort") String sort,
            @Parameter(example = "alice") @QueryParam("username") String username,
            @Parameter(example = "delete") @QueryParam("action") String action,
            @Parameter(example = "2026-11-24T00:00:00Z") @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return audit.list(caller, orgId, request(page, size, sort), filter(username, action, from, to))
                .map(p -> p.map(AuditEntry::of));
    }

    static PageRequest request(Integer page, Integer size, String sort) {
        return PageRequest.of(page, size, sort, Sorts.AUDIT, "at,desc", "id");
    }

    static AuditService.Filter filter(String username, String action, String from, String to) {
        return new AuditService.Filter(username, action, QueryParams.time("from", from), QueryParams.time("to", to));
    }
}
