package io.voipconfig.portal.client;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
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
}
