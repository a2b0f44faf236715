package io.voipconfig.portal.client;

import java.io.IOException;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import io.voipconfig.common.event.EventJson;
import io.voipconfig.common.rpssync.MirrorStatus;
import io.voipconfig.common.rpssync.ReconciliationReport;
import io.voipconfig.common.rpssync.RpsCallPage;

/**
 * rps-sync-service's internal API, called with a service-account token (client credentials of client
 * {@code portal-api}). Used only through {@link RpsSync}, which adds timeouts, retries and a circuit breaker. The
 * answers are the records both services share ({@code io.voipconfig.common.rpssync}).
 */
@RegisterRestClient(configKey = "rps-sync")
@OidcClientFilter
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
interface RpsSyncApi {

    @GET
    @Path("organizations/{orgId}/status")
    Uni<MirrorStatus> status(@PathParam("orgId") UUID organizationId);

    @GET
    @Path("history")
    Uni<RpsCallPage> history(@QueryParam("organizationId") UUID organizationId, @QueryParam("mac") String mac,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size);

    @POST
    @Path("organizations/{orgId}/resync")
    Uni<ReconciliationReport> resync(@PathParam("orgId") UUID organizationId);

    @GET
    @Path("organizations/{orgId}/reconciliation")
    Uni<ReconciliationReport> reconciliation(@PathParam("orgId") UUID organizationId);

    /**
     * 409 and 429 are rps-sync-service's answers to a run asked for while one of the organization's is in flight or
     * too soon after the last: their problem's detail and Retry-After go on to the caller. Anything else: the default.
     */
    @ClientExceptionMapper
    static RuntimeException refusal(Response response) {
        if (response.getStatus() != 409 && response.getStatus() != 429) {
            return null;
        }
        String detail = "rps-sync-service declined the run (HTTP " + response.getStatus() + ")";
        try {
            String given = EventJson.mapper().readTree(response.readEntity(String.class)).path("detail").asText("");
            detail = given.isBlank() ? detail : given;
        } catch (IOException | RuntimeException unreadable) {
            // the status says enough
        }
        String retryAfter = response.getHeaderString(HttpHeaders.RETRY_AFTER);
        Long seconds = retryAfter != null && retryAfter.matches("\\d{1,9}") ? Long.valueOf(retryAfter) : null;
        return new RpsSyncRefusal(response.getStatus(), detail, seconds);
    }
}
