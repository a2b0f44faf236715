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
import io.voipconfig.portal.rest.dto.ActivityDto.Activity;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.ActivityService;
import io.voipconfig.portal.service.Fingerprints;
import io.voipconfig.portal.service.Page;
import io.voipconfig.portal.service.PageRequest;

@Path("/api/v1/organizations/{orgId}/activity")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Activity", description = "What the organization's phones fetched once authenticated; what was refused or unauthenticated is counted in its security events")
public class ActivityResource {

    private final ActivityService activity;
    private final Caller caller;
    private final Fingerprints fingerprints;

    public ActivityResource(ActivityService activity, Caller caller, Fingerprints fingerprints) {
        this.activity = activity;
        this.caller = caller;
        this.fingerprints = fingerprints;
    }

    @GET
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "Provisioning activity, newest first", description = "Filters: mac (any notation), outcome, from (inclusive) and to (exclusive) as ISO-8601 times. Sortable by occurredAt, mac, outcome.")
    public Uni<Page<Activity>> list(@PathParam("orgId") String orgId, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size, @QueryParam("sort") String sort, @QueryParam("mac") String mac,
            @Parameter(example = "WRONG_CREDENTIALS") @QueryParam("outcome") String outcome,
            @Parameter(example = "2026-11-24T00:00:00Z") @QueryParam("from") String from,
            @QueryParam("to") String to) {
        PageRequest request = PageRequest.of(page, size, sort, Sorts.ACTIVITY, "occurredAt,desc", "event_id");
        return activity
                .list(caller, orgId, request, mac, outcome, QueryParams.time("from", from), QueryParams.time("to", to))
                .map(p -> p.map(a -> Activity.of(a, fingerprints)));
    }
}
