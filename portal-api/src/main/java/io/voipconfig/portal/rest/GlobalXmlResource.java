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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.rest.dto.GlobalXmlDto.GlobalXml;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.GlobalXmlService;
import io.voipconfig.portal.service.Page;
import io.voipconfig.portal.service.PageRequest;
import io.voipconfig.portal.service.Versions;

@Path("/api/v1/organizations/{orgId}/global-xml")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Global XML", description = "Softkey and other XML files phones fetch from /xml/_global/{name}.xml")
public class GlobalXmlResource {

    private final GlobalXmlService xml;
    private final Caller caller;

    public GlobalXmlResource(GlobalXmlService xml, Caller caller) {
        this.xml = xml;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "List global XML files", description = "Sortable by name, updatedAt.")
    public Uni<Page<GlobalXml>> list(@PathParam("orgId") String orgId, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size, @QueryParam("sort") String sort) {
        return xml.list(caller, orgId, PageRequest.of(page, size, sort, Sorts.GLOBAL_XML, "name", "key.name"))
                .map(p -> p.map(GlobalXml::of));
    }

    @GET
    @Path("{name}")
    @Produces(MediaType.APPLICATION_XML)
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "Read a global XML file")
    public Uni<RestResponse<String>> get(@PathParam("orgId") String orgId, @PathParam("name") String name) {
        return xml.get(caller, orgId, name).map(d -> RestResponse.ResponseBuilder.ok(d.content)
                .type(MediaType.APPLICATION_XML + ";charset=UTF-8").header("ETag", Versions.etag(d.version))
                .build());
    }

    @PUT
    @Path("{name}")
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.ORG_ADMIN})
    @Operation(summary = "Create or replace a global XML file", description = "Must be well-formed XML without a DOCTYPE; at most 256 KiB. If-None-Match: * creates only (412 already-exists when the name is taken); If-Match replaces only that version.")
    @APIResponse(responseCode = "412", description = "If-Match names another version, or If-None-Match: * and the name exists")
    public Uni<RestResponse<GlobalXml>> put(@PathParam("orgId") String orgId, @PathParam("name") String name,
            @HeaderParam("If-Match") String ifMatch, @HeaderParam("If-None-Match") String ifNoneMatch,
            String content) {
        return xml.put(caller, orgId, name, ifMatch, ifNoneMatch, content).map(x -> RestResponse.ResponseBuilder
                .ok(GlobalXml.of(x)).header("ETag", Versions.etag(x.version())).build());
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.ORG_ADMIN})
    @Operation(summary = "Delete a global XML file")
    public Uni<RestResponse<Void>> delete(@PathParam("orgId") String orgId, @PathParam("name") String name,
            @HeaderParam("If-Match") String ifMatch) {
        return xml.delete(caller, orgId, name, ifMatch).map(v -> RestResponse.noContent());
    }
}
