package io.voipconfig.portal.rest;

import java.net.URI;
import java.util.List;
import java.util.function.Function;

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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.voipconfig.common.render.ProvisioningHost;
import io.voipconfig.portal.config.PortalConfig;
import io.voipconfig.portal.model.SlugAlias;
import io.voipconfig.portal.rest.dto.CredentialsDto;
import io.voipconfig.portal.rest.dto.OrganizationDto.Input;
import io.voipconfig.portal.rest.dto.OrganizationDto.Organization;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.CredentialRotationService;
import io.voipconfig.portal.service.OrganizationService;
import io.voipconfig.portal.service.Page;
import io.voipconfig.portal.service.PageRequest;
import io.voipconfig.portal.service.PartnerService;
import io.voipconfig.portal.service.Versions;

@Path("/api/v1/organizations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Organizations", description = "Customer organizations; the operator sees all, a partner its own, an organization's users only theirs")
public class OrganizationResource {

    private final OrganizationService organizations;
    private final CredentialRotationService rotations;
    private final PartnerService partners;
    private final Caller caller;
    private final String provisioningUrl;
    private final String installationHost;

    public OrganizationResource(OrganizationService organizations, CredentialRotationService rotations,
            PartnerService partners, Caller caller, PortalConfig config) {
        this.organizations = organizations;
        this.rotations = rotations;
        this.partners = partners;
        this.caller = caller;
        this.provisioningUrl = config.urls().provisioning();
        this.installationHost = ProvisioningHost.of(provisioningUrl);
    }

    /**
     * Organizations as the API shows them: the provisioning URL under their partner's host name when it has one,
     * secret settings masked for viewers.
     *
     * @param formerSlugs the organization's old slugs (one organization read on its own); null in lists
     */
    private Uni<Function<io.voipconfig.portal.model.Organization, Organization>> dto(List<SlugAlias> formerSlugs) {
        boolean secrets = caller.readsSecrets();
        return partners.provisioningHosts().map(hosts -> o -> {
            Organization dto = Organization.of(o,
                    ProvisioningHost.replace(provisioningUrl, installationHost, hosts.get(o.partnerId)), formerSlugs);
            return secrets ? dto : dto.masked();
        });
    }

    private Uni<Organization> dtoOf(io.voipconfig.portal.model.Organization o) {
        return organizations.formerSlugs(o).flatMap(this::dto).map(dto -> dto.apply(o));
    }

    private Uni<RestResponse<Organization>> withEtag(io.voipconfig.portal.model.Organization o) {
        return dtoOf(o).map(dto -> RestResponse.ResponseBuilder.ok(dto).header("ETag", Versions.etag(o.version))
                .build());
    }

    @GET
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "List organizations", description = "Each with its fleet at a glance (device counts). Sortable by slug, name, createdAt, updatedAt; q filters by name or slug.")
    public Uni<Page<Organization>> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @QueryParam("sort") String sort, @QueryParam("q") String q,
            @Parameter(description = "Only this partner's organizations (an id)") @QueryParam("partner") String partner) {
        PageRequest request = PageRequest.of(page, size, sort, Sorts.ORGANIZATIONS, "slug", "id");
        return organizations.list(caller, request, q, QueryParams.uuid("partner", partner))
                .flatMap(p -> organizations.fleetCounts(p.items())
                        .flatMap(counts -> dto(null)
                                .map(dto -> p.map(o -> dto.apply(o).withFleet(counts.get(o.id))))));
    }

    @POST
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN})
    @Operation(summary = "Create an organization")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag headers set", content = @Content(schema = @Schema(implementation = Organization.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json with errors)")
    @APIResponse(responseCode = "409", description = "The id or slug is taken")
    public Uni<RestResponse<Organization>> create(Input input) {
        return organizations.create(caller, input == null ? null : input.toDraft())
                .flatMap(o -> dtoOf(o).map(dto -> RestResponse.ResponseBuilder
                        .<Organization>created(URI.create("/api/v1/organizations/" + o.id)).entity(dto)
                        .header("ETag", Versions.etag(o.version)).build()));
    }

    @GET
    @Path("{orgId}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "Read an organization")
    @APIResponse(responseCode = "200", description = "The organization; ETag header set", content = @Content(schema = @Schema(implementation = Organization.class)))
    @APIResponse(responseCode = "404", description = "No such organization, or not yours")
    public Uni<RestResponse<Organization>> get(
            @Parameter(description = "id or slug") @PathParam("orgId") String orgId) {
        return organizations.visible(caller, orgId).flatMap(this::withEtag);
    }

    @GET
    @Path("{orgId}/credentials")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "The provisioning credentials' rotation progress", description = "How many devices authenticated with the current credentials, the previous set while it is still accepted, and the device seen longest ago among those that have not moved over. Never a password.")
    @APIResponse(responseCode = "200", description = "The progress", content = @Content(schema = @Schema(implementation = CredentialsDto.Status.class)))
    @APIResponse(responseCode = "404", description = "No such organization, or not yours")
    public Uni<CredentialsDto.Status> credentials(@PathParam("orgId") String orgId) {
        return rotations.credentials(caller, orgId).map(CredentialsDto.Status::of);
    }

    @POST
    @Path("{orgId}/credentials/rotation")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.ORG_ADMIN})
    @Operation(summary = "Rotate the provisioning credentials", description = "New credentials for the organization's phones, a strong password generated when none is given (answered once). Phones keep working: the replaced set is accepted from each device until it has used the new one (which its next files carry) or the grace period ends; RPS gets the new set at once. Send If-Match with the ETag you read.")
    @APIResponse(responseCode = "200", description = "Rotated; the organization's new ETag header set", content = @Content(schema = @Schema(implementation = CredentialsDto.Rotated.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, or the password is the current one")
    @APIResponse(responseCode = "412", description = "Changed since you read it")
    public Uni<RestResponse<CredentialsDto.Rotated>> rotate(@PathParam("orgId") String orgId,
            @HeaderParam("If-Match") String ifMatch, CredentialsDto.Input input) {
        return rotations.rotate(caller, orgId, ifMatch, input == null ? null : input.toDraft())
                .flatMap(r -> dtoOf(r.organization()).map(dto -> RestResponse.ResponseBuilder
                        .ok(new CredentialsDto.Rotated(dto, r.generatedPassword().orElse(null)))
                        .header("ETag", Versions.etag(r.organization().version)).build()));
    }

    @PUT
    @Path("{orgId}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.ORG_ADMIN})
    @Operation(summary = "Replace an organization", description = "Omit provisioning.password to keep it. A new user name or password is a rotation and a new slug a rename: the organization's phones keep working with what they hold for graceDays (see the credentials endpoints). Send If-Match with the ETag you read. A change of what the organization renders reaches all its devices; dryRun=true shows how, saving nothing.")
    @APIResponse(responseCode = "200", description = "Saved; the new ETag header set. With dryRun=true a ChangePreview instead, nothing saved", headers = @Header(name = ChangeResponses.AFFECTED_DEVICES, description = ChangeResponses.AFFECTED_DESCRIPTION, schema = @Schema(type = SchemaType.INTEGER)), content = @Content(schema = @Schema(implementation = Organization.class)))
    @APIResponse(responseCode = "412", description = "Changed since you read it")
    public Uni<RestResponse<Object>> update(@PathParam("orgId") String orgId,
            @HeaderParam("If-Match") String ifMatch,
            @Parameter(description = ChangeResponses.DRY_RUN_DESCRIPTION) @QueryParam("dryRun") String dryRun,
            Input input) {
        boolean dry = ChangeResponses.dryRun(dryRun);
        return organizations.update(caller, orgId, ifMatch, input == null ? null : input.toDraft(), dry)
                .flatMap(written -> ChangeResponses.answer(written, this::withEtag));
    }

    @DELETE
    @Path("{orgId}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN})
    @Operation(summary = "Delete an organization with its devices, phonebooks and media")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<RestResponse<Void>> delete(@PathParam("orgId") String orgId, @HeaderParam("If-Match") String ifMatch) {
        return organizations.delete(caller, orgId, ifMatch).map(v -> RestResponse.noContent());
    }
}
