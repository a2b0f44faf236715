package io.voipconfig.portal.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.config.PortalConfig;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.BrandingService;

/** What the web console needs: where to sign in (before anyone has), then whose name and logo to show. */
@Path("/api/v1/console")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Console", description = "The web console served under /console/")
public class ConsoleResource {

    @Schema(name = "ConsoleConfig")
    public record ConsoleConfig(
            @Schema(description = "The Keycloak realm the browser signs in at", example = "https://sso.example.com/realms/voipconfig") String authority,
            @Schema(description = "The realm's public client for the console", example = "voipconfig-spa") String clientId) {
    }

    @Schema(name = "ConsoleBranding", description = "The partner the caller works under, as the console's header shows it")
    public record ConsoleBranding(
            @Schema(description = "The partner's console name; null: the product's own (the operator, or a partner without one)", example = "Telco One Phones") String consoleName,
            @Schema(description = "The partner's name; null for the operator", example = "Telco One") String partnerName,
            @Schema(description = "Where the logo is (changes when the logo does); null without one", example = "/api/v1/console/branding/logo?v=3f2a9c1b") String logo) {

        static ConsoleBranding of(BrandingService.Branding b) {
            if (b.partner() == null) {
                return new ConsoleBranding(null, null, null);
            }
            String logo = b.logo() == null ? null : LOGO + "?v=" + b.logo().sha256.substring(0, 12);
            return new ConsoleBranding(b.partner().consoleName, b.partner().name, logo);
        }
    }

    static final String LOGO = "/api/v1/console/branding/logo";

    private final ConsoleConfig config;
    private final BrandingService branding;
    private final Caller caller;

    public ConsoleResource(PortalConfig portal, BrandingService branding, Caller caller) {
        this.config = new ConsoleConfig(portal.console().authority(), portal.console().clientId());
        this.branding = branding;
        this.caller = caller;
    }

    @GET
    @Path("config")
    @PermitAll
    @Operation(summary = "The console's sign-in settings", description = "Public: the realm URL and client id, nothing about any tenant.")
    public ConsoleConfig config() {
        return config;
    }

    @GET
    @Path("branding")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "The caller's partner as the console shows it", description = "A partner's members get their partner's console name and logo, an organization's users their organization's partner's, the operator none (the product's own).")
    public Uni<ConsoleBranding> branding() {
        return branding.branding(caller).map(ConsoleBranding::of);
    }

    @GET
    @Path("branding/logo")
    @Produces({"image/png", "image/jpeg"})
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "The caller's partner's logo")
    @APIResponse(responseCode = "200", description = "The image; ETag header set")
    @APIResponse(responseCode = "304", description = "Unchanged since the If-None-Match ETag")
    @APIResponse(responseCode = "404", description = "The caller's partner has no logo (or the caller has no partner)")
    public Uni<Response> logo(@HeaderParam("If-None-Match") String ifNoneMatch) {
        return branding.ownLogo(caller).map(logo -> PartnerLogoResource.image(logo, ifNoneMatch));
    }
}
