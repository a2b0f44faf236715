package io.voipconfig.portal.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.voipconfig.common.rpssync.MirrorStatus;
import io.voipconfig.common.rpssync.ReconciliationReport;
import io.voipconfig.common.rpssync.RpsCallPage;
import io.voipconfig.portal.client.RpsSync;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.DeviceService;
import io.voipconfig.portal.service.OrganizationService;

@Path("/api/v1/organizations/{orgId}/rps")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "RPS", description = "The organization's mirror in Yealink RPS, as rps-sync-service reports it")
public class RpsResource {

    private final OrganizationService organizations;
    private final RpsSync rps;
    private final Caller caller;

    public RpsResource(OrganizationService organizations, RpsSync rps, Caller caller) {
        this.organizations = organizations;
        this.rps = rps;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "RPS status of the organization and its devices")
    @APIResponse(responseCode = "200", description = "The organization's RPS server and its devices' states")
    @APIResponse(responseCode = "503", description = "rps-sync-service is unavailable")
    public Uni<MirrorStatus> status(@PathParam("orgId") String orgId) {
        return organizations.visible(caller, orgId).flatMap(org -> rps.status(org.id));
    }

    @GET
    @Path("history")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "Every RPS call made for the organization, newest first", description = "mac filters; paginated.")
    public Uni<RpsCallPage> history(@PathParam("orgId") String orgId, @QueryParam("mac") String mac,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        String canonical = mac == null || mac.isBlank() ? null : DeviceService.pathMac(mac).value();
        return organizations.visible(caller, orgId).flatMap(org -> rps.history(org.id, canonical, page, size));
    }

    @POST
    @Path("resync")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.ORG_ADMIN})
    @Operation(summary = "Mirror the organization and all its devices to RPS again", description = "One run per"
            + " organization at a time, and one resync per organization a minute (rps-sync-service's"
            + " voipconfig.reconcile.resync-interval), whoever asks: RPS's call rate is shared by every organization.")
    @APIResponseSchema(value = ReconciliationReport.class, responseCode = "202", responseDescription = "Accepted by rps-sync-service")
    @APIResponse(responseCode = "409", description = "A resync or dry run of the organization is in flight (the detail names it)")
    @APIResponse(responseCode = "429", description = "Too soon after the organization's last resync; Retry-After says when")
    @APIResponse(responseCode = "503", description = "rps-sync-service is unavailable")
    public Uni<RestResponse<ReconciliationReport>> resync(@PathParam("orgId") String orgId) {
        return organizations.visible(caller, orgId).flatMap(org -> rps.resync(org.id))
                .map(body -> RestResponse.status(RestResponse.Status.ACCEPTED, body));
    }

    /**
     * The resync's dry run. A GET because it changes nothing, neither at RPS nor in the mirror's state; for the roles
     * that may resync, because it costs RPS what a resync costs (our servers and devices are listed).
     */
    @GET
    @Path("reconciliation")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.ORG_ADMIN})
    @Operation(summary = "What a resync would change at RPS now, without changing anything (a dry run)", description = "Each change: action (add server, edit server, add device, move device, remove device,"
            + " adopt device), target (server name or MAC) and outcome 'dry run'. No retries; 503 when"
            + " rps-sync-service does not answer in 5 s. One run per organization at a time, and one dry run per"
            + " organization every 10 s.")
    @APIResponse(responseCode = "200", description = "The changes a resync would make")
    @APIResponse(responseCode = "409", description = "A resync or dry run of the organization is in flight (the detail names it)")
    @APIResponse(responseCode = "429", description = "Too soon after the organization's last dry run; Retry-After says when")
    @APIResponse(responseCode = "503", description = "rps-sync-service is unavailable")
    public Uni<ReconciliationReport> reconciliation(@PathParam("orgId") String orgId) {
        return organizations.visible(caller, orgId).flatMap(org -> rps.reconciliation(org.id));
    }
}
