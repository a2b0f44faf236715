package io.voipconfig.rps.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.rpssync.DeviceProblem;
import io.voipconfig.common.rpssync.MirrorStatus;
import io.voipconfig.common.rpssync.MirroredServer;
import io.voipconfig.common.rpssync.ReconciliationReport;
import io.voipconfig.common.rpssync.RpsCall;
import io.voipconfig.common.rpssync.RpsCallPage;
import io.voipconfig.rps.service.ReconcileRuns;

/**
 * The internal API portal-api calls with its service-account token (role {@code service}): RPS status per
 * organization, the history of RPS calls, a resync of one organization and its dry run, and a reconciliation run.
 */
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("service")
@Tag(name = "RPS mirror (internal)")
public class InternalApi {

    private final Pool pool;
    private final ReconcileRuns runs;

    public InternalApi(Pool pool, ReconcileRuns runs) {
        this.pool = pool;
        this.runs = runs;
    }

    @GET
    @Path("organizations/{id}/status")
    @Operation(summary = "The organization's RPS server and its devices' states")
    public Uni<MirrorStatus> status(@PathParam("id") UUID id) {
        return pool.preparedQuery("SELECT server_name, rps_server_id, applied_version, status, last_error, updated_at"
                + " FROM rps_server_state WHERE organization_id = $1").execute(Tuple.of(id))
                .flatMap(server -> pool.preparedQuery("SELECT status, count(*) FROM rps_device_state"
                        + " WHERE organization_id = $1 GROUP BY status ORDER BY status").execute(Tuple.of(id))
                        .flatMap(counts -> pool.preparedQuery("SELECT mac, status, last_error FROM rps_device_state"
                                + " WHERE organization_id = $1 AND status IN ('CONFLICT', 'FAILED') ORDER BY mac"
                                + " LIMIT 500").execute(Tuple.of(id))
                                .map(problems -> {
                                    if (!server.iterator().hasNext() && !counts.iterator().hasNext()) {
                                        throw new NotFoundException("nothing mirrored for " + id);
                                    }
                                    MirroredServer mirrored = null;
                                    if (server.iterator().hasNext()) {
                                        Row s = server.iterator().next();
                                        mirrored = new MirroredServer(s.getString("server_name"),
                                                s.getString("rps_server_id"), s.getString("status"),
                                                s.getLong("applied_version"), s.getString("last_error"),
                                                s.getOffsetDateTime("updated_at").toString());
                                    }
                                    Map<String, Long> devices = new LinkedHashMap<>();
                                    counts.forEach(r -> devices.put(r.getString(0), r.getLong(1)));
                                    List<DeviceProblem> deviceProblems = new ArrayList<>();
                                    problems.forEach(
                                            r -> deviceProblems.add(new DeviceProblem(r.getString(0), r.getString(1),
                                                    String.valueOf(r.getString(2)))));
                                    return new MirrorStatus(mirrored, devices, deviceProblems);
                                })));
    }

    @GET
    @Path("history")
    @Operation(summary = "RPS calls, newest first", description = "Filters: organizationId, mac; page and size.")
    public Uni<RpsCallPage> history(@QueryParam("organizationId") UUID organizationId,
            @QueryParam("mac") String mac, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0 || s < 1 || s > 500) {
            throw new BadRequestException("page >= 0, size 1..500");
        }
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (organizationId != null) {
            args.add(organizationId);
            where.append(" AND organization_id = $").append(args.size());
        }
        if (mac != null && !mac.isBlank()) {
            args.add(MacAddress.tryParse(mac).orElseThrow(() -> new BadRequestException("not a MAC")).value());
            where.append(" AND mac = $").append(args.size());
        }
        Tuple tuple = Tuple.from(args);
        return pool.preparedQuery("SELECT count(*) FROM rps_history" + where).execute(tuple)
                .flatMap(count -> pool.preparedQuery("SELECT occurred_at, operation, organization_id, mac, target,"
                        + " outcome, error_text, duration_ms, attempt, event_id FROM rps_history" + where
                        + " ORDER BY occurred_at DESC, id DESC LIMIT " + s + " OFFSET " + ((long) p * s))
                        .execute(tuple)
                        .map(rows -> {
                            List<RpsCall> items = new ArrayList<>();
                            rows.forEach(r -> items.add(new RpsCall(r.getOffsetDateTime(0).toString(), r.getString(1),
                                    r.getUUID(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                                    r.getInteger(7), r.getShort(8), r.getUUID(9))));
                            return new RpsCallPage(items, p, s, count.iterator().next().getLong(0));
                        }));
    }

    @POST
    @Path("organizations/{id}/resync")
    @Operation(summary = "Repair the organization's mirror now (reconciliation limited to it)", description = "One run"
            + " per organization at a time (409 while its resync or dry run is in flight), one resync per organization"
            + " every voipconfig.reconcile.resync-interval (429 with Retry-After).")
    public Uni<RestResponse<ReconciliationReport>> resync(@PathParam("id") UUID id) {
        return runs.resync(id).map(r -> RestResponse.status(RestResponse.Status.ACCEPTED, r));
    }

    @GET
    @Path("organizations/{id}/reconciliation")
    @Operation(summary = "What a resync of the organization would change at RPS, without changing anything", description = "The reconciliation's plan for the organization (a dry run): every change with the outcome"
            + " 'dry run'. Lists our RPS servers and devices as a resync does. 409 while a run of the organization is in"
            + " flight; one per voipconfig.reconcile.dry-run-interval (429 with Retry-After).")
    public Uni<ReconciliationReport> reconciliation(@PathParam("id") UUID id) {
        return runs.dryRun(id);
    }

    @POST
    @Path("reconcile")
    @Operation(summary = "Compare RPS with the database and repair the drift (dryRun=true only reports)", description = "One"
            + " at a time across the replicas (409 while one runs, the schedule's included).")
    public Uni<ReconciliationReport> reconcile(@QueryParam("dryRun") boolean dryRun) {
        return runs.reconcileAll(dryRun);
    }
}
