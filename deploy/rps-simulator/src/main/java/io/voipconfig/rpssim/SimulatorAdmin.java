package io.voipconfig.rpssim;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.voipconfig.rpssim.RpsState.RpsError;

/**
 * The simulator's own, unsigned endpoints (loopback tools and tests only): where a phone would be redirected, the
 * whole state, fault shares, and changes behind the client's back for reconciliation tests.
 */
@Path("/sim")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SimulatorAdmin {

    private final RpsState state;
    private final RequestGuard guard;
    private final Stats stats;

    public SimulatorAdmin(RpsState state, RequestGuard guard, Stats stats) {
        this.state = state;
        this.guard = guard;
        this.stats = stats;
    }

    /** What RPS tells a phone with this MAC: its server's URL and the credentials to use there. */
    @GET
    @Path("where")
    public Response where(@QueryParam("mac") String mac) {
        try {
            return state.deviceByMac(RpsState.mac(mac)).map(d -> {
                RpsState.Server s = state.server(d.serverId());
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("mac", d.mac());
                out.put("url", s.url());
                out.put("authName", s.authName());
                out.put("password", s.password());
                out.put("certificateUrl", s.certificateUrl());
                return Response.ok(out).build();
            }).orElse(Response.status(404).entity(Map.of("error", "no such device in this RPS account")).build());
        } catch (RpsError e) {
            return Response.status(400).entity(Map.of("error", e.key)).build();
        }
    }

    @GET
    @Path("state")
    public Map<String, Object> state() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("servers", state.servers(null).stream().map(RpsApi::server).toList());
        out.put("devices", state.devices(null).stream().map(RpsApi::device).toList());
        return out;
    }

    /** Calls received since the start (or the last reset), per operation and answer; see {@link Stats}. */
    @GET
    @Path("stats")
    public Map<String, Map<String, Long>> stats() {
        return stats.snapshot();
    }

    @PUT
    @Path("faults")
    public RequestGuard.Faults faults(Map<String, Object> in) {
        RequestGuard.Faults f = new RequestGuard.Faults(share(in, "errorShare"), share(in, "throttleShare"),
                share(in, "slowShare"), Duration.ofMillis(((Number) in.getOrDefault("slowDelayMillis", 3000))
                        .longValue()),
                Boolean.TRUE.equals(in.get("holdAnswers")));
        guard.faults(f);
        return f;
    }

    @POST
    @Path("reset")
    public Response reset() {
        state.reset();
        stats.reset();
        return Response.noContent().build();
    }

    /** Puts a MAC on a server (adds or moves it) without going through the API. */
    @PUT
    @Path("devices/{mac}")
    public Response force(@PathParam("mac") String mac, Map<String, String> in) {
        state.forceDevice(mac, in.get("serverId"));
        return Response.noContent().build();
    }

    @DELETE
    @Path("devices/{mac}")
    public Response remove(@PathParam("mac") String mac) {
        return state.forceRemove(mac) ? Response.noContent().build() : Response.status(404).build();
    }

    private static double share(Map<String, Object> in, String key) {
        double v = ((Number) in.getOrDefault(key, 0)).doubleValue();
        if (v < 0 || v > 1) {
            throw new BadRequestException(key + " must be between 0 and 1");
        }
        return v;
    }
}
