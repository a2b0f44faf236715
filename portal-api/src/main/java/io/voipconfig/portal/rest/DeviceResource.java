package io.voipconfig.portal.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
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
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.rest.dto.DeviceDto.Device;
import io.voipconfig.portal.rest.dto.DeviceDto.Input;
import io.voipconfig.portal.rest.dto.DeviceDto.MoveInput;
import io.voipconfig.portal.rest.dto.DeviceDto.PreviewFile;
import io.voipconfig.portal.rest.dto.DeviceDto.Status;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.DeviceFilesService;
import io.voipconfig.portal.service.DeviceImportService;
import io.voipconfig.portal.service.DeviceImportService.ImportResult;
import io.voipconfig.portal.service.DeviceService;
import io.voipconfig.portal.service.Fingerprints;
import io.voipconfig.portal.service.Page;
import io.voipconfig.portal.service.PageRequest;
import io.voipconfig.portal.service.Versions;

@Path("/api/v1/organizations/{orgId}/devices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Devices", description = "Phones by MAC address; a MAC belongs to one organization platform-wide")
public class DeviceResource {

    private final DeviceService devices;
    private final DeviceFilesService files;
    private final DeviceImportService imports;
    private final Caller caller;
    private final Fingerprints fingerprints;

    public DeviceResource(DeviceService devices, DeviceFilesService files, DeviceImportService imports,
            Caller caller, Fingerprints fingerprints) {
        this.devices = devices;
        this.files = files;
        this.imports = imports;
        this.caller = caller;
        this.fingerprints = fingerprints;
    }

    @GET
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "List devices (the fleet view)", description = "Each item with its state: presence, pending change, RPS."
            + " Sortable by mac, model, label, createdAt, updatedAt, lastSeenAt, firmware; the filters combine.")
    public Uni<Page<Device>> list(@PathParam("orgId") String orgId, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size, @QueryParam("sort") String sort, @BeanParam FleetQuery query) {
        PageRequest request = PageRequest.of(page, size, sort, Sorts.DEVICES, "mac", "d.mac");
        return devices.list(caller, orgId, request, query.toFilter()).map(p -> p.map(d -> forCaller(Device.of(d))));
    }

    @GET
    @Path("export")
    @Produces("text/csv")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "Export the filtered fleet as CSV", description = "The import's columns (one row per SIP account, no"
            + " passwords) then last_seen_at, last_ip, firmware, up_to_date, last_outcome, rps_status; in MAC order,"
            + " streamed. It imports back as it is (the import ignores the state columns); into another organization when"
            + " its phonebook and media columns are empty or name what exists there.")
    @APIResponse(responseCode = "200", description = "CSV", content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    public RestMulti<String> export(@PathParam("orgId") String orgId, @BeanParam FleetQuery query) {
        return RestMulti.fromMultiData(devices.export(caller, orgId, query.toFilter()))
                .header("Content-Disposition", "attachment; filename=\"devices.csv\"").build();
    }

    @POST
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.ORG_ADMIN})
    @Operation(summary = "Register a device")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = Device.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json with errors)")
    @APIResponse(responseCode = "409", description = "The MAC is already registered (in any organization)")
    public Uni<RestResponse<Device>> create(@PathParam("orgId") String orgId, Input input) {
        return devices.create(caller, orgId, input == null ? null : input.toDraft())
                .map(d -> RestResponse.ResponseBuilder
                        .<Device>created(URI.create("/api/v1/organizations/" + d.organizationId
                                + "/devices/" + d.mac))
                        .entity(forCaller(Device.of(d))).header("ETag", Versions.etag(d.version)).build());
    }

    @POST
    @Path("import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.ORG_ADMIN})
    @Operation(summary = "Import devices from CSV", description = DeviceImportService.FORMAT)
    @APIResponse(responseCode = "200", description = "Every row imported; with dryRun=true every row would be, and nothing was", content = @Content(schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(responseCode = "400", description = "Nothing imported; errors name the row and the field")
    public Uni<ImportResult> importCsv(@PathParam("orgId") String orgId,
            @Parameter(description = "true: check every row as the import does (references, registered MACs, quotas) and import nothing") @QueryParam("dryRun") String dryRun,
            String csv) {
        return imports.importCsv(caller, orgId, csv, ChangeResponses.dryRun(dryRun));
    }

    @GET
    @Path("{mac}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "Read a device")
    public Uni<RestResponse<Device>> get(@PathParam("orgId") String orgId,
            @Parameter(description = "MAC in any notation") @PathParam("mac") String mac) {
        return devices.get(caller, orgId, mac).map(this::withEtag);
    }

    @PUT
    @Path("{mac}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.ORG_ADMIN})
    @Operation(summary = "Replace a device", description = "Accounts, phonebooks and settings are replaced as given; an account without password keeps the stored one of its index. dryRun=true shows what the device's files would become, saving nothing.")
    @APIResponse(responseCode = "200", description = "Saved; the new ETag header set. With dryRun=true a ChangePreview instead, nothing saved", headers = @Header(name = ChangeResponses.AFFECTED_DEVICES, description = ChangeResponses.AFFECTED_DESCRIPTION, schema = @Schema(type = SchemaType.INTEGER)), content = @Content(schema = @Schema(implementation = Device.class)))
    @APIResponse(responseCode = "412", description = "Changed since you read it")
    public Uni<RestResponse<Object>> update(@PathParam("orgId") String orgId, @PathParam("mac") String mac,
            @HeaderParam("If-Match") String ifMatch,
            @Parameter(description = ChangeResponses.DRY_RUN_DESCRIPTION) @QueryParam("dryRun") String dryRun,
            Input input) {
        boolean dry = ChangeResponses.dryRun(dryRun);
        return devices.update(caller, orgId, mac, ifMatch, input == null ? null : input.toDraft(), dry)
                .flatMap(written -> ChangeResponses.answer(written, d -> Uni.createFrom().item(withEtag(d))));
    }

    @DELETE
    @Path("{mac}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.ORG_ADMIN})
    @Operation(summary = "Remove a device")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<RestResponse<Void>> delete(@PathParam("orgId") String orgId, @PathParam("mac") String mac,
            @HeaderParam("If-Match") String ifMatch) {
        return devices.delete(caller, orgId, mac, ifMatch).map(v -> RestResponse.noContent());
    }

    @POST
    @Path("{mac}/move")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.ORG_ADMIN})
    @Operation(summary = "Move a device to another organization", description = "Both organizations must be yours to manage: a partner admin moves between its partner's organizations, the operator anywhere (the target partner's device quota is checked). Model, label, accounts with their passwords, and settings go along; phonebook links, wallpaper and ringtone belong to the old organization and are removed. RPS is updated to send the phone to the new organization.")
    @APIResponse(responseCode = "200", description = "Moved; the device as it is now")
    @APIResponse(responseCode = "400", description = "No such target organization, the same one, or the MAC file would not render there")
    @APIResponse(responseCode = "412", description = "Changed since you read it")
    public Uni<RestResponse<Device>> move(@PathParam("orgId") String orgId, @PathParam("mac") String mac,
            @HeaderParam("If-Match") String ifMatch, MoveInput input) {
        return devices.move(caller, orgId, mac, ifMatch, input == null ? null : input.organization())
                .map(this::withEtag);
    }

    @GET
    @Path("{mac}/status")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "Last contact and configuration status", description = "Last seen, IP, model and firmware from the User-Agent, last file, and whether each delivered config file equals what would be served now (as keyed fingerprints, never MD5s).")
    public Uni<Status> status(@PathParam("orgId") String orgId, @PathParam("mac") String mac) {
        return files.status(caller, orgId, mac).map(s -> Status.of(s, fingerprints));
    }

    @GET
    @Path("{mac}/preview")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "The files the phone would get now", description = "Boot, common and MAC files rendered as config-service would; secrets are masked in the content; the fingerprints are keyed (the masked text cannot be tested against them).")
    public Uni<List<PreviewFile>> preview(@PathParam("orgId") String orgId, @PathParam("mac") String mac) {
        return files.preview(caller, orgId, mac)
                .map(list -> list.stream().map(f -> PreviewFile.of(f, fingerprints)).toList());
    }

    /** Secret settings masked for viewers. */
    private Device forCaller(Device d) {
        return caller.readsSecrets() ? d : d.masked();
    }

    private RestResponse<Device> withEtag(io.voipconfig.portal.model.Device d) {
        return RestResponse.ResponseBuilder.ok(forCaller(Device.of(d))).header("ETag", Versions.etag(d.version))
                .build();
    }
}
