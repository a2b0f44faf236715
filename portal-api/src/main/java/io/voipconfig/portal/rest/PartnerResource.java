package io.voipconfig.portal.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.rest.dto.DeviceDto.Device;
import io.voipconfig.portal.rest.dto.PartnerDto.Input;
import io.voipconfig.portal.rest.dto.PartnerDto.MacClaim;
import io.voipconfig.portal.rest.dto.PartnerDto.Partner;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.MacClaimService;
import io.voipconfig.portal.service.Page;
import io.voipconfig.portal.service.PageRequest;
import io.voipconfig.portal.service.PartnerService;
import io.voipconfig.portal.service.Versions;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Partners", description = "The installation's partners (resellers) and MACs claimed across them; the operator manages them, a partner's members read their own")
public class PartnerResource {

    private final PartnerService partners;
    private final MacClaimService claims;
    private final Caller caller;

    public PartnerResource(PartnerService partners, MacClaimService claims, Caller caller) {
        this.partners = partners;
        this.claims = claims;
        this.caller = caller;
    }

    @GET
    @Path("partners")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER})
    @Operation(summary = "List partners", description = "The operator sees all; a partner's members their own. Sortable by slug, name, createdAt.")
    public Uni<Page<Partner>> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @QueryParam("sort") String sort) {
        return partners.list(caller, PageRequest.of(page, size, sort, Sorts.PARTNERS, "slug", "id"))
                .map(p -> p.map(Partner::of));
    }

    @POST
    @Path("partners")
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "Create a partner")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag headers set", content = @Content(schema = @Schema(implementation = Partner.class)))
    @APIResponse(responseCode = "409", description = "The id, slug or provisioning host is taken")
    public Uni<RestResponse<Partner>> create(Input input) {
        return partners.create(input == null ? null : input.toDraft()).map(p -> RestResponse.ResponseBuilder
                .<Partner>created(URI.create("/api/v1/partners/" + p.id)).entity(Partner.of(p))
                .header("ETag", Versions.etag(p.version)).build());
    }

    @GET
    @Path("partners/{partnerId}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER})
    @Operation(summary = "Read a partner")
    @APIResponse(responseCode = "200", description = "The partner; ETag header set", content = @Content(schema = @Schema(implementation = Partner.class)))
    @APIResponse(responseCode = "404", description = "No such partner, or not yours")
    public Uni<RestResponse<Partner>> get(@Parameter(description = "id or slug") @PathParam("partnerId") String id) {
        return partners.visible(caller, id, false).map(PartnerResource::withEtag);
    }

    @PUT
    @Path("partners/{partnerId}")
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "Replace a partner", description = "Quotas apply to later writes; what exists already stays.")
    @APIResponse(responseCode = "200", description = "Saved; the new ETag header set", content = @Content(schema = @Schema(implementation = Partner.class)))
    @APIResponse(responseCode = "412", description = "Changed since you read it")
    public Uni<RestResponse<Partner>> update(@PathParam("partnerId") String id,
            @HeaderParam("If-Match") String ifMatch, Input input) {
        return partners.update(caller, id, ifMatch, input == null ? null : input.toDraft())
                .map(PartnerResource::withEtag);
    }

    @DELETE
    @Path("partners/{partnerId}")
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "Delete a partner without organizations")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "It still has organizations, or it is the default partner")
    public Uni<RestResponse<Void>> delete(@PathParam("partnerId") String id, @HeaderParam("If-Match") String ifMatch) {
        return partners.delete(caller, id, ifMatch).map(v -> RestResponse.noContent());
    }

    @GET
    @Path("mac-claims")
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "Open MAC claims", description = "MACs a partner's organization asked for while another partner's organization holds them, oldest first. The claimant was told only that the MAC is registered.")
    public Uni<Page<MacClaim>> claims(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return claims.open(PageRequest.of(page, size, null, Sorts.MAC_CLAIMS, "id", "id"))
                .map(p -> p.map(MacClaim::of));
    }

    @POST
    @Path("mac-claims/{id}/transfer")
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "Transfer the device to the claimant", description = "A move (accounts and settings go along, phonebooks, wallpaper and ringtone stay behind), recorded on the claim with who made it.")
    @APIResponse(responseCode = "200", description = "Transferred; the device as it is now")
    public Uni<Device> transfer(@PathParam("id") long id) {
        return claims.transfer(caller, id).map(Device::of);
    }

    @POST
    @Path("mac-claims/{id}/dismiss")
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "Dismiss a claim", description = "The device stays where it is.")
    @APIResponse(responseCode = "204", description = "Dismissed")
    public Uni<RestResponse<Void>> dismiss(@PathParam("id") long id) {
        return claims.dismiss(caller, id).map(v -> RestResponse.noContent());
    }

    private static RestResponse<Partner> withEtag(io.voipconfig.portal.model.Partner p) {
        return RestResponse.ResponseBuilder.ok(Partner.of(p)).header("ETag", Versions.etag(p.version)).build();
    }
}
