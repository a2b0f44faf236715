package io.voipconfig.portal.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.model.PartnerLogo;
import io.voipconfig.portal.rest.dto.PartnerDto.Logo;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.BrandingService;

@Path("/api/v1/partners/{partnerId}/logo")
@Tag(name = "Partners")
// Multipart methods would otherwise run on a worker thread; Hibernate Reactive needs the request's event loop.
@NonBlocking
public class PartnerLogoResource {

    private final BrandingService branding;
    private final Caller caller;
    private final Uploads uploads;

    public PartnerLogoResource(BrandingService branding, Caller caller, Uploads uploads) {
        this.branding = branding;
        this.caller = caller;
        this.uploads = uploads;
    }

    @GET
    @Produces({"image/png", "image/jpeg"})
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER})
    @Operation(summary = "A partner's logo", description = "The operator reads any, a partner's members their own.")
    @APIResponse(responseCode = "200", description = "The image; ETag header set")
    @APIResponse(responseCode = "304", description = "Unchanged since the If-None-Match ETag")
    @APIResponse(responseCode = "404", description = "No logo, no such partner, or not yours")
    public Uni<Response> get(@PathParam("partnerId") String partnerId,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        return branding.logo(caller, partnerId).map(logo -> image(logo, ifNoneMatch));
    }

    @PUT
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "Set a partner's logo", description = "Part file: a PNG or JPEG of at most 256 KiB and 16 to 1024 pixels on each side, shown in the console's header to the partner's members and its organizations' users.")
    @APIResponse(responseCode = "200", description = "Stored", content = @Content(schema = @Schema(implementation = Logo.class)))
    @APIResponse(responseCode = "400", description = "Not a PNG or JPEG, or too many pixels")
    @APIResponse(responseCode = "413", description = "Larger than 256 KiB")
    public Uni<Logo> put(@PathParam("partnerId") String partnerId, @RestForm("file") FileUpload file) {
        return uploads.read(file).flatMap(bytes -> branding.putLogo(caller, partnerId, bytes)).map(Logo::of);
    }

    @DELETE
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "Remove a partner's logo")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "It had none")
    public Uni<RestResponse<Void>> delete(@PathParam("partnerId") String partnerId) {
        return branding.deleteLogo(caller, partnerId).map(v -> RestResponse.noContent());
    }

    /**
     * The logo as an image of its checked type, never to be sniffed as anything else nor run as a document when
     * opened on its own; revalidated on every use (it may change) but not downloaded again while unchanged.
     */
    static Response image(PartnerLogo logo, String ifNoneMatch) {
        String etag = "\"" + logo.sha256 + "\"";
        Response.ResponseBuilder response = etag.equals(ifNoneMatch == null ? null : ifNoneMatch.strip())
                ? Response.notModified()
                : Response.ok(logo.content, logo.contentType);
        return response.header("ETag", etag).header("Cache-Control", "private, no-cache")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox").build();
    }
}
