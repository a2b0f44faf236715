package io.voipconfig.portal.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.rest.dto.LoginDto.CreatedLogin;
import io.voipconfig.portal.rest.dto.LoginDto.Input;
import io.voipconfig.portal.rest.dto.LoginDto.Login;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.LoginService;

@Path("/api/v1/organizations/{orgId}/logins")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Logins", description = "An organization's admins and viewers (Keycloak users of the realm)")
@RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.ORG_ADMIN})
public class LoginResource {

    private final LoginService logins;
    private final Caller caller;

    public LoginResource(LoginService logins, Caller caller) {
        this.logins = logins;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List the organization's logins", description = "Admins only: viewers manage no logins.")
    public Uni<List<Login>> list(@PathParam("orgId") String orgId) {
        return logins.list(caller, orgId).map(all -> all.stream().map(Login::of).toList());
    }

    @POST
    @Operation(summary = "Create a login", description = "An org-admin or org-viewer of this organization, with a temporary"
            + " password the person replaces at the first sign-in; or, with invite=true, no password and an e-mail from"
            + " Keycloak with a link to choose one (503 and nothing created when the realm cannot send it).")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = CreatedLogin.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json with errors)")
    @APIResponse(responseCode = "409", description = "The user name or e-mail is taken in the realm")
    public Uni<RestResponse<CreatedLogin>> create(@PathParam("orgId") String orgId, Input input) {
        return logins.create(caller, orgId, input == null ? null : input.toDraft())
                .map(c -> RestResponse.status(RestResponse.Status.CREATED, CreatedLogin.of(c)));
    }

    @PUT
    @Path("{loginId}")
    @Operation(summary = "Enable, disable or change the role of a login")
    @APIResponse(responseCode = "200", description = "Saved", content = @Content(schema = @Schema(implementation = Login.class)))
    @APIResponse(responseCode = "404", description = "No such login in this organization")
    public Uni<Login> update(@PathParam("orgId") String orgId, @PathParam("loginId") UUID loginId, Input input) {
        return logins.update(caller, orgId, loginId, input == null ? null : input.toDraft()).map(Login::of);
    }

    @POST
    @Path("{loginId}/invitation")
    @Consumes(MediaType.WILDCARD) // no body
    @Operation(summary = "Send the invitation e-mail again", description = "Keycloak e-mails the login's address a link to"
            + " choose a password (valid for voipconfig.invitations.lifespan); needs the realm's SMTP server.")
    @APIResponse(responseCode = "204", description = "Sent")
    @APIResponse(responseCode = "404", description = "No such login in this organization")
    @APIResponse(responseCode = "503", description = "Keycloak could not send the e-mail (no SMTP server)")
    public Uni<RestResponse<Void>> invite(@PathParam("orgId") String orgId, @PathParam("loginId") UUID loginId) {
        return logins.invite(caller, orgId, loginId).map(v -> RestResponse.noContent());
    }

    @DELETE
    @Path("{loginId}")
    @Operation(summary = "Delete a login")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<RestResponse<Void>> delete(@PathParam("orgId") String orgId, @PathParam("loginId") UUID loginId) {
        return logins.delete(caller, orgId, loginId).map(v -> RestResponse.noContent());
    }
}
