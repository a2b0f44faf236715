package io.voipconfig.portal.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.problem.ApiException;
import io.voipconfig.portal.rest.dto.DeviceQuotaDto.DeviceQuota;
import io.voipconfig.portal.rest.dto.DeviceQuotaDto.Input;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.DeviceQuotaService;

@Path("/api/v1/organizations/{orgId}/device-quota")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Organizations")
public class DeviceQuotaResource {

    private final DeviceQuotaService quotas;
    private final Caller caller;

    public DeviceQuotaResource(DeviceQuotaService quotas, Caller caller) {
        this.quotas = quotas;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "The organization's device limit and its devices now")
    @APIResponse(responseCode = "200", description = "The limit and the devices", content = @Content(schema = @Schema(implementation = DeviceQuota.class)))
    @APIResponse(responseCode = "404", description = "No such organization, or not yours")
    public Uni<DeviceQuota> get(@PathParam("orgId") String orgId) {
        return quotas.get(caller, orgId).map(DeviceQuota::of);
    }

    @PUT
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN})
    @Operation(summary = "Set the organization's device limit", description = "For its partner's admins and the operator; the organization's own admins read it but never change it. Writes that would take the organization over it (create, import, move in, MAC transfer) answer 409 quota-exceeded; the partner's own limit applies as well.")
    @APIResponse(responseCode = "200", description = "The limit set, and the devices", content = @Content(schema = @Schema(implementation = DeviceQuota.class)))
    @APIResponse(responseCode = "400", description = "A negative limit")
    @APIResponse(responseCode = "404", description = "No such organization, or not your partner's")
    public Uni<DeviceQuota> set(@PathParam("orgId") String orgId, Input input) {
        if (input == null) {
            throw ApiException.badRequest("a body is required: {\"maxDevices\": 250} or {\"maxDevices\": null}");
        }
        return quotas.set(caller, orgId, input.maxDevices()).map(DeviceQuota::of);
    }
}
