package io.voipconfig.portal.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import io.voipconfig.portal.rest.dto.ModelSettingsDto.Input;
import io.voipconfig.portal.rest.dto.ModelSettingsDto.ModelSettings;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.ModelSettingsService;
import io.voipconfig.portal.service.Page;
import io.voipconfig.portal.service.PageRequest;
import io.voipconfig.portal.service.Versions;

@Path("/api/v1/organizations/{orgId}/model-settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Model settings", description = "An organization's settings for every phone of one model (rendered into the common file)")
public class ModelSettingsResource {

    private final ModelSettingsService settings;
    private final Caller caller;

    public ModelSettingsResource(ModelSettingsService settings, Caller caller) {
        this.settings = settings;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "Models with stored settings", description = "Sortable by model, updatedAt.")
    public Uni<Page<ModelSettings>> list(@PathParam("orgId") String orgId, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size, @QueryParam("sort") String sort) {
        return settings.list(caller, orgId, PageRequest.of(page, size, sort, Sorts.MODEL_SETTINGS, "model",
                "key.model")).map(p -> p.map(s -> forCaller(ModelSettings.of(s))));
    }

    @GET
    @Path("{model}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "Settings for one model (empty when none are stored)")
    public Uni<RestResponse<ModelSettings>> get(@PathParam("orgId") String orgId, @PathParam("model") String model) {
        return settings.get(caller, orgId, model).map(this::withEtag);
    }

    @PUT
    @Path("{model}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.ORG_ADMIN})
    @Operation(summary = "Replace the settings for one model", description = "An empty object clears them. A change reaches every device of the model in the organization; dryRun=true shows how, saving nothing.")
    @APIResponse(responseCode = "200", description = "Saved; the new ETag header set. With dryRun=true a ChangePreview instead, nothing saved", headers = @Header(name = ChangeResponses.AFFECTED_DEVICES, description = ChangeResponses.AFFECTED_DESCRIPTION, schema = @Schema(type = SchemaType.INTEGER)), content = @Content(schema = @Schema(implementation = ModelSettings.class)))
    public Uni<RestResponse<Object>> put(@PathParam("orgId") String orgId, @PathParam("model") String model,
            @HeaderParam("If-Match") String ifMatch,
            @Parameter(description = ChangeResponses.DRY_RUN_DESCRIPTION) @QueryParam("dryRun") String dryRun,
            Input input) {
        boolean dry = ChangeResponses.dryRun(dryRun);
        return settings.put(caller, orgId, model, ifMatch, input == null ? null : input.toDraft(), dry)
                .flatMap(written -> ChangeResponses.answer(written, s -> Uni.createFrom().item(withEtag(s))));
    }

    /** Secret settings masked for viewers. */
    private ModelSettings forCaller(ModelSettings s) {
        return caller.readsSecrets() ? s : s.masked();
    }

    private RestResponse<ModelSettings> withEtag(io.voipconfig.portal.model.ModelSettings s) {
        return RestResponse.ResponseBuilder.ok(forCaller(ModelSettings.of(s))).header("ETag", Versions.etag(s.version))
                .build();
    }
}
