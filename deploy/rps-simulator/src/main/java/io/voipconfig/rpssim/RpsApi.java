package io.voipconfig.rpssim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.voipconfig.rpssim.RpsState.Device;
import io.voipconfig.rpssim.RpsState.RpsError;
import io.voipconfig.rpssim.RpsState.Server;

/**
 * The subset of Yealink's RPS JSON open API (docs/yealink.md §1.3.2) that rps-sync-service uses, with its envelope
 * ({@code ret}, {@code data}, {@code error.msg}/{@code errorCode}) and its error semantics: an existing MAC, a MAC owned
 * by another enterprise, unknown ids. Every call is signed ({@link RequestGuard}).
 */
@Path("/api/open/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class RpsApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestGuard guard;
    private final RpsState state;
    private final SimulatorConfig config;
    private final Stats stats;

    public RpsApi(RequestGuard guard, RpsState state, SimulatorConfig config, Stats stats) {
        this.guard = guard;
        this.state = state;
        this.config = config;
        this.stats = stats;
    }

    @POST
    @Path("{area:server|device}/{operation}")
    public Uni<Response> post(@PathParam("area") String area, @PathParam("operation") String operation, byte[] body,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        return guarded("POST", uri, body, headers, () -> {
            JsonNode in = parse(body);
            return switch (area + "/" + operation) {
                case "server/add" -> server(state.addServer(text(in, "serverName"), text(in, "url"),
                        text(in, "authName"), text(in, "password"), text(in, "certificateUrl")));
                case "server/edit" -> server(state.editServer(text(in, "id"), text(in, "serverName"),
                        text(in, "url"), text(in, "authName"), text(in, "password"), text(in, "certificateUrl")));
                case "server/delete" -> {
                    state.deleteServers(list(in, "ids"));
                    yield null;
                }
                case "server/list" -> page(in, state.servers(text(in, "key")), RpsApi::server);
                case "device/add" -> state.addDevices(list(in, "macs"), text(in, "serverId"), text(in, "remark"),
                        foreign(), config.maxBatch()).stream().map(RpsApi::device).toList();
                case "device/edit" -> device(state.editDevice(text(in, "id"), text(in, "serverId"),
                        text(in, "remark")));
                case "device/migrate" -> {
                    List<Object> moved = new ArrayList<>();
                    for (String id : list(in, "ids")) {
                        moved.add(device(state.editDevice(id, text(in, "serverId"), null)));
                    }
                    yield moved;
                }
                case "device/delete" -> {
                    state.deleteDevices(in.has("ids") ? list(in, "ids") : null,
                            in.has("macs") ? list(in, "macs") : null);
                    yield null;
                }
                case "device/list" -> page(in, state.devices(text(in, "key")), RpsApi::device);
                default -> throw new RpsError("api.not.found", 404, operation);
            };
        });
    }

    @GET
    @Path("{area:server|device}/{operation}")
    public Uni<Response> get(@PathParam("area") String area, @PathParam("operation") String operation,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        return guarded("GET", uri, null, headers, () -> {
            Map<String, String> q = new LinkedHashMap<>();
            uri.getQueryParameters().forEach((k, v) -> q.put(k, v.isEmpty() ? "" : v.get(0)));
            return switch (area + "/" + operation) {
                case "server/detail" -> server(state.server(q.get("id")));
                case "server/checkServerName" -> state.serverNameExists(q.get("serverName"));
                case "device/detail" -> device(state.device(q.get("id")));
                case "device/checkMac" -> {
                    String mac = RpsState.mac(q.get("mac"));
                    boolean mine = state.deviceByMac(mac).isPresent();
                    boolean theirs = foreign().contains(mac);
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("existed", mine || theirs);
                    out.put("self", mine ? Boolean.TRUE : theirs ? Boolean.FALSE : null);
                    yield out;
                }
                case "device/serverList" -> state.servers(null).stream().map(RpsApi::server).toList();
                default -> throw new RpsError("api.not.found", 404, operation);
            };
        });
    }

    /** Checks, then runs {@code work}; business refusals become the RPS error envelope (HTTP 200, ret -1). */
    private Uni<Response> guarded(String method, UriInfo uri, byte[] body, HttpHeaders headers,
            Supplier<Object> work) {
        String operation = uri.getPath().replaceFirst("^.*/api/open/v1/", "");
        stats.count(operation, "calls");
        return guard.check(method, uri.getPath(), uri.getQueryParameters(), body, headers)
                .flatMap(delay -> {
                    Response response;
                    try {
                        Object data = work.get();
                        stats.count(operation, "ok");
                        response = Response.ok(envelope(data == null ? 0 : 1, data, null)).build();
                    } catch (RpsError e) {
                        stats.count(operation, e.key);
                        response = Response.ok(envelope(-1, e.data, Map.of("msg", e.key, "errorCode", e.code)))
                                .build();
                    }
                    // Timers refuse delays under a millisecond: such a delay is no delay.
                    Uni<Response> answer = delay.toMillis() == 0
                            ? Uni.createFrom().item(response)
                            : Uni.createFrom().item(response).onItem().delayIt().by(delay);
                    return answer.call(guard::released);
                })
                .onFailure(RequestGuard.Refused.class).recoverWithItem(e -> {
                    RequestGuard.Refused r = (RequestGuard.Refused) e;
                    stats.count(operation, r.status >= 429 ? "fault:" + r.status : r.key);
                    return Response.status(r.status).entity(envelope(-1, null, Map.of("msg", r.key, "errorCode",
                            r.status))).build();
                });
    }

    static Map<String, Object> envelope(int ret, Object data, Map<String, Object> error) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ret", ret);
        out.put("data", data);
        out.put("error", error);
        return out;
    }

    static Map<String, Object> server(Server s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("serverName", s.serverName());
        out.put("url", s.url());
        out.put("authName", s.authName());
        out.put("certificateUrl", s.certificateUrl());
        return out; // RPS does not give passwords back
    }

    static Map<String, Object> device(Device d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", d.id());
        out.put("mac", d.mac());
        out.put("serverId", d.serverId());
        out.put("remark", d.remark());
        return out;
    }

    static <T> Map<String, Object> page(JsonNode in, List<T> all, Function<T, Object> view) {
        int skip = in.path("skip").asInt(0);
        int limit = Math.max(1, Math.min(in.path("limit").asInt(50), 5000));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("skip", skip);
        out.put("limit", limit);
        out.put("total", all.size());
        out.put("data", all.stream().skip(skip).limit(limit).map(view).toList());
        return out;
    }

    private List<String> foreign() {
        return config.foreignMacs().orElse(List.of()).stream().map(RpsState::mac).toList();
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body == null || body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new RpsError("request.body.invalid", 400, null);
        }
    }

    private static String text(JsonNode in, String field) {
        JsonNode n = in.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static List<String> list(JsonNode in, String field) {
        List<String> out = new ArrayList<>();
        in.path(field).forEach(n -> out.add(n.asText()));
        return out;
    }
}
