package io.voipconfig.portal.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.voipconfig.portal.config.PortalConfig;

/** What the web console needs before anyone has signed in: where to sign in. */
@Path("/api/v1/console/config")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Console", description = "The web console served under /console/")
public class ConsoleResource {

    @Schema(name = "ConsoleConfig")
    public record ConsoleConfig(
            @Schema(description = "The Keycloak realm the browser signs in at", example = "https://sso.example.com/realms/voipconfig") String authority,
            @Schema(description = "The realm's public client for the console", example = "voipconfig-spa") String clientId) {
    }

    private final ConsoleConfig config;

    public ConsoleResource(PortalConfig portal) {
        this.config = new ConsoleConfig(portal.console().authority(), portal.console().clientId());
    }

    @GET
    @PermitAll
    @Operation(summary = "The console's sign-in settings", description = "Public: the realm URL and client id, nothing about any tenant.")
    public ConsoleConfig config() {
        return config;
    }
}
