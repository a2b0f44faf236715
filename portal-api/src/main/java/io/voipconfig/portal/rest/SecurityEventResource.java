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
import io.voipconfig.portal.rest.dto.SecurityEventDto.SecurityEvent;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.Page;
import io.voipconfig.portal.service.PageRequest;
import io.voipconfig.portal.service.SecurityEventService;

@Path("/api/v1/organizations/{orgId}/security-events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Security events", description = "Phone requests the gate did not allow (no or wrong credentials, unknown MACs, throttled) and those that need none (the CA certificate), counted per minute, address and outcome")
public class SecurityEventResource {

    static final String FILTERS = "Filters: clientIp, outcome, from (inclusive) and to (exclusive) as ISO-8601 times, compared with the minute. Sortable by minute, requests, clientIp, outcome.";

    private final SecurityEventService events;
    private final Caller caller;

    public SecurityEventResource(SecurityEventService events, Caller caller) {
        this.events = events;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "The organization's security events, newest minute first", description = FILTERS)
    public Uni<Page<SecurityEvent>> list(@PathParam("orgId") String orgId, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size, @QueryParam("sort") String sort,
            @Parameter(example = "192.0.2.10") @QueryParam("clientIp") String clientIp,
            @Parameter(example = "WRONG_CREDENTIALS") @QueryParam("outcome") String outcome,
            @Parameter(example = "2026-11-24T00:00:00Z") @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return events.list(caller, orgId, request(page, size, sort), filter(clientIp, outcome, from, to))
                .map(p -> p.map(SecurityEvent::of));
    }

    static PageRequest request(Integer page, Integer size, String sort) {
        return PageRequest.of(page, size, sort, Sorts.SECURITY_EVENTS, "minute,desc", "id");
    }

    static SecurityEventService.Filter filter(String clientIp, String outcome, String from, String to) {
        return new SecurityEventService.Filter(clientIp, outcome, QueryParams.time("from", from),
                QueryParams.time("to", to));
    }
}
