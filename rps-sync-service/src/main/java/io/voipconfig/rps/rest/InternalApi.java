package io.voipconfig.rps.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import io.voipconfig.rps.service.Reconciler;
import io.voipconfig.rps.service.Reconciler.Report;

/**
 * The internal API portal-api calls with its service-account token (role {@code service}): RPS status per
 * organization, the history of RPS calls, a resync of one organization, and a reconciliation run.
 */
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("service")
@Tag(name = "RPS mirror (internal)")
public class InternalApi {

    private final Pool pool;
    private final Reconciler reconciler;

    public InternalApi(Pool pool, Reconciler reconciler) {
        this.pool = pool;
        this.reconciler = reconciler;
    }

    @GET
    @Path("organizations/{id}/status")
    @Operation(summary = "The organization's RPS server and its devices' states")
    public Uni<Map<String, Object>> status(@PathParam("id") UUID id) {
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
                                    Map<String, Object> out = new LinkedHashMap<>();
                                    if (server.iterator().hasNext()) {
                                        Row s = server.iterator().next();
                                        Map<String, Object> sv = new LinkedHashMap<>();
                                        sv.put("name", s.getString("server_name"));
                                        sv.put("rpsServerId", s.getString("rps_server_id"));
                                        sv.put("status", s.getString("status"));
                                        sv.put("appliedVersion", s.getLong("applied_version"));
                                        sv.put("lastError", s.getString("last_error"));
                                        sv.put("updatedAt", s.getOffsetDateTime("updated_at").toString());
                                        out.put("server", sv);
                                    }
                                    Map<String, Long> devices = new LinkedHashMap<>();
                                    counts.forEach(r -> devices.put(r.getString(0), r.getLong(1)));
                                    out.put("devices", devices);
                                    List<Map<String, String>> list = new ArrayList<>();
                                    problems.forEach(r -> list.add(Map.of("mac", r.getString(0), "status",
                                            r.getString(1), "error", String.valueOf(r.getString(2)))));
                                    out.put("problems", list);
                                    return out;
                                })));
    }

    @GET
    @Path("history")
    @Operation(summary = "RPS calls, newest first", description = "Filters: organizationId, mac; page and size.")
    public Uni<Map<String, Object>> history(@QueryParam("organizationId") UUID organizationId,
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
                            List<Map<String, Object>> items = new ArrayList<>();
                            rows.forEach(r -> {
                                Map<String, Object> i = new LinkedHashMap<>();
                                i.put("occurredAt", r.getOffsetDateTime(0).toString());
                                i.put("operation", r.getString(1));
                                i.put("organizationId", r.getUUID(2));
                                i.put("mac", r.getString(3));
                                i.put("target", r.getString(4));
                                i.put("outcome", r.getString(5));
                                i.put("error", r.getString(6));
                                i.put("durationMs", r.getInteger(7));
                                i.put("attempt", r.getShort(8));
                                i.put("eventId", r.getUUID(9));
                                items.add(i);
                            });
                            Map<String, Object> out = new LinkedHashMap<>();
                            out.put("items", items);
                            out.put("page", p);
                            out.put("size", s);
                            out.put("totalItems", count.iterator().next().getLong(0));
                            return out;
                        }));
    }

    @POST
    @Path("organizations/{id}/resync")
    @Operation(summary = "Repair the organization's mirror now (reconciliation limited to it)")
    public Uni<RestResponse<Report>> resync(@PathParam("id") UUID id) {
        return reconciler.run(Optional.of(id), false).map(r -> RestResponse.status(RestResponse.Status.ACCEPTED, r));
    }

    @POST
    @Path("reconcile")
    @Operation(summary = "Compare RPS with the database and repair the drift (dryRun=true only reports)")
    public Uni<Report> reconcile(@QueryParam("dryRun") boolean dryRun) {
        return reconciler.run(Optional.empty(), dryRun);
    }
}
