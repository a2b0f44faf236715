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
import io.voipconfig.portal.rest.dto.MediaDto.Media;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.MediaService;
import io.voipconfig.portal.service.Page;
import io.voipconfig.portal.service.PageRequest;
import io.voipconfig.portal.service.Versions;

@Path("/api/v1/organizations/{orgId}/media")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Media", description = "Wallpapers, ringtones and images served by media-service")
// Multipart methods would otherwise run on a worker thread; Hibernate Reactive needs the request's event loop.
@NonBlocking
public class MediaResource {

    private final MediaService media;
    private final Caller caller;
    private final Uploads uploads;

    public MediaResource(MediaService media, Caller caller, Uploads uploads) {
        this.media = media;
        this.caller = caller;
        this.uploads = uploads;
    }

    @GET
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "List media", description = "Sortable by name, kind, size, updatedAt; kind filters.")
    public Uni<Page<Media>> list(@PathParam("orgId") String orgId, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size, @QueryParam("sort") String sort, @QueryParam("kind") String kind) {
        return media.list(caller, orgId, PageRequest.of(page, size, sort, Sorts.MEDIA, "name", "name"), kind)
                .map(p -> p.map(Media::of));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.ORG_ADMIN})
    @Operation(summary = "Upload a media file", description = "Parts: file (required), name (defaults to the file name), kind (WALLPAPER, RINGTONE or IMAGE; defaults from the bytes). Creates only: a name that exists is 412 already-exists (replace it with PUT).")
    @APIResponse(responseCode = "201", description = "Stored", content = @Content(schema = @Schema(implementation = Media.class)))
    @APIResponse(responseCode = "412", description = "A media file of this name exists")
    @APIResponse(responseCode = "413", description = "Larger than the configured limit")
    public Uni<RestResponse<Media>> upload(@PathParam("orgId") String orgId, @RestForm("file") FileUpload file,
            @RestForm("name") String name, @RestForm("kind") String kind) {
        String target = name != null && !name.isBlank() ? name.strip() : file == null ? null : file.fileName();
        return uploads.read(file).flatMap(bytes -> media.put(caller, orgId, target, kind, bytes, null, "*"))
                .map(m -> RestResponse.ResponseBuilder
                        .<Media>created(URI.create("/api/v1/organizations/" + orgId + "/media/" + m.name()))
                        .entity(Media.of(m)).header("ETag", Versions.etag(m.version())).build());
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.ORG_ADMIN})
    @Operation(summary = "Create or replace a media file", description = "If-None-Match: * creates only (412 already-exists when the name is taken); If-Match replaces only that version.")
    @APIResponse(responseCode = "412", description = "If-Match names another version, or If-None-Match: * and the name exists")
    public Uni<RestResponse<Media>> put(@PathParam("orgId") String orgId, @PathParam("name") String name,
            @HeaderParam("If-Match") String ifMatch, @HeaderParam("If-None-Match") String ifNoneMatch,
            @RestForm("file") FileUpload file, @RestForm("kind") String kind) {
        return uploads.read(file)
                .flatMap(bytes -> media.put(caller, orgId, name, kind, bytes, ifMatch, ifNoneMatch))
                .map(m -> RestResponse.ResponseBuilder.ok(Media.of(m)).header("ETag", Versions.etag(m.version()))
                        .build());
    }

    @GET
    @Path("{name}")
    @Produces({"image/png", "image/jpeg", "image/gif", "image/bmp", "audio/wav", "audio/mpeg",
            MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "Download a media file")
    public Uni<Response> download(@PathParam("orgId") String orgId,
            @PathParam("name") String name) {
        return media.get(caller, orgId, name).map(m -> Response.ok(m.content, m.contentType)
                .header("ETag", Versions.etag(m.version))
                .header("Content-Disposition", "attachment; filename=\"" + m.name + "\"").build());
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.ORG_ADMIN})
    @Operation(summary = "Delete a media file", description = "Refused (409) while a device uses it.")
    public Uni<RestResponse<Void>> delete(@PathParam("orgId") String orgId, @PathParam("name") String name,
            @HeaderParam("If-Match") String ifMatch) {
        return media.delete(caller, orgId, name, ifMatch).map(v -> RestResponse.noContent());
    }
}
