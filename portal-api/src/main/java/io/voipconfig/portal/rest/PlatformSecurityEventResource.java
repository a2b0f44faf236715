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
import io.voipconfig.portal.rest.dto.SecurityEventDto.SecurityEvent;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.Page;
import io.voipconfig.portal.service.SecurityEventService;

/** Every organization's security events, for the operator; an organization's own are {@link SecurityEventResource}. */
@Path("/api/v1/security-events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Security events")
public class PlatformSecurityEventResource {

    private final SecurityEventService events;

    public PlatformSecurityEventResource(SecurityEventService events) {
        this.events = events;
    }

    @GET
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "Every organization's security events, and those tied to none, newest minute first", description = SecurityEventResource.FILTERS)
    public Uni<Page<SecurityEvent>> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @QueryParam("sort") String sort, @Parameter(example = "192.0.2.10") @QueryParam("clientIp") String clientIp,
            @Parameter(example = "NO_CREDENTIALS") @QueryParam("outcome") String outcome,
            @Parameter(example = "2026-11-24T00:00:00Z") @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return events.listAll(SecurityEventResource.request(page, size, sort),
                SecurityEventResource.filter(clientIp, outcome, from, to)).map(p -> p.map(SecurityEvent::of));
    }
}
