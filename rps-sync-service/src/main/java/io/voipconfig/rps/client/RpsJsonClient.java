package io.voipconfig.rps.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.rps.RpsSignature;

/**
 * Yealink's RPS JSON open API (docs/yealink.md §1.3): every call signed with {@link RpsSignature} over the exact bytes
 * sent (the body is serialized once, hashed, signed and sent as those bytes), a fresh nonce and timestamp per call, and
 * the {@code {"ret","data","error"}} envelope turned into an {@link RpsResult}.
 */
public final class RpsJsonClient implements RedirectService {

    private static final Logger LOG = Logger.getLogger(RpsJsonClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE_PATH = "/api/open/v1/";

    private final HttpClient http;
    private final String baseUrl;
    private final String accessKeyId;
    private final String accessKeySecret;
    private final Duration timeout;

    private final CallPacer pacer;

    public RpsJsonClient(String baseUrl, String accessKeyId, String accessKeySecret, Duration timeout) {
        this(baseUrl, accessKeyId, accessKeySecret, timeout, new CallPacer(0));
    }

    /** @param pacer spaces the calls towards the service at its rate */
    public RpsJsonClient(String baseUrl, String accessKeyId, String accessKeySecret, Duration timeout,
            CallPacer pacer) {
        this.pacer = pacer;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.accessKeyId = accessKeyId;
        this.accessKeySecret = accessKeySecret;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Uni<RpsResult<Server>> addServer(ServerSpec spec) {
        return post("server/add", serverBody(null, spec), RpsJsonClient::server);
    }

    @Override
    public Uni<RpsResult<Server>> editServer(String id, ServerSpec spec) {
        return post("server/edit", serverBody(id, spec), RpsJsonClient::server);
    }

    @Override
    public Uni<RpsResult<Void>> deleteServer(String id) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("ids").add(id);
        return post("server/delete", body, data -> null);
    }

    @Override
    public Uni<RpsResult<Page<Server>>> listServers(String key, int skip, int limit) {
        return post("server/list", listBody(key, skip, limit), data -> page(data, RpsJsonClient::server));
    }

    @Override
    public Uni<RpsResult<Server>> serverDetail(String id) {
        return get("server/detail", Map.of("id", id), RpsJsonClient::server);
    }

    @Override
    public Uni<RpsResult<List<Device>>> addDevices(List<MacAddress> macs, String serverId) {
        if (macs.size() > 100) {
            throw new IllegalArgumentException("at most 100 MACs per device/add call");
        }
        ObjectNode body = JSON.createObjectNode();
        macs.forEach(m -> body.withArray("macs").add(m.value()));
        body.put("serverId", serverId);
        return post("device/add", body, data -> {
            List<Device> out = new ArrayList<>();
            data.forEach(d -> out.add(device(d)));
            return out;
        });
    }

    @Override
    public Uni<RpsResult<Device>> editDevice(String id, String serverId) {
        ObjectNode body = JSON.createObjectNode().put("id", id).put("serverId", serverId);
        return post("device/edit", body, RpsJsonClient::device);
    }

    @Override
    public Uni<RpsResult<Void>> deleteDevices(List<String> ids) {
        ObjectNode body = JSON.createObjectNode();
        ids.forEach(i -> body.withArray("ids").add(i));
        return post("device/delete", body, data -> null);
    }

    @Override
    public Uni<RpsResult<Page<Device>>> listDevices(String key, int skip, int limit) {
        return post("device/list", listBody(key, skip, limit), data -> page(data, RpsJsonClient::device));
    }

    @Override
    public Uni<RpsResult<Device>> deviceDetail(String id) {
        return get("device/detail", Map.of("id", id), RpsJsonClient::device);
    }

    private <T> Uni<RpsResult<T>> post(String operation, ObjectNode body, Function<JsonNode, T> read) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return call("POST", operation, Map.of(), bytes, read);
    }

    private <T> Uni<RpsResult<T>> get(String operation, Map<String, String> query, Function<JsonNode, T> read) {
        return call("GET", operation, query, null, read);
    }

    private <T> Uni<RpsResult<T>> call(String method, String operation, Map<String, String> query, byte[] body,
            Function<JsonNode, T> read) {
        String path = BASE_PATH + operation;
        Map<String, String> headers = RpsSignature.sign(method, path, query, body, accessKeyId, accessKeySecret,
                Long.toString(System.currentTimeMillis()), UUID.randomUUID().toString().replace("-", ""));
        String q = query.isEmpty()
                ? ""
                : "?" + query.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path + q)).timeout(timeout)
                .header("Accept", "application/json");
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json;charset=UTF-8")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        Duration wait = pacer.reserve();
        Uni<Void> turn = wait.isZero()
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(wait);
        return turn.flatMap(v -> Uni.createFrom().completionStage(() -> http.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofByteArray())))
                .map(response -> interpret(operation, response.statusCode(), response.body(), read))
                .onFailure().recoverWithItem(e -> new RpsResult.Transient<>(operation + ": " + e.getClass()
                        .getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())));
    }

    static <T> RpsResult<T> interpret(String operation, int status, byte[] body, Function<JsonNode, T> read) {
        if (status == 429 || status >= 500) {
            return new RpsResult.Transient<>(operation + ": HTTP " + status);
        }
        JsonNode envelope;
        try {
            envelope = JSON.readTree(body);
        } catch (IOException e) {
            return new RpsResult.Transient<>(operation + ": HTTP " + status + " with an unreadable body");
        }
        JsonNode error = envelope.has("error") ? envelope.get("error") : envelope.path("errors");
        int ret = envelope.path("ret").asInt(status == 200 ? 0 : -1);
        if (status == 200 && ret >= 0) {
            return new RpsResult.Ok<>(read.apply(envelope.path("data")));
        }
        String key = error.path("msg").asText(status == 200 ? "unknown.error" : "http." + status);
        int code = status == 200 ? error.path("errorCode").asInt(0) : status;
        JsonNode data = envelope.path("data");
        LOG.debugf("RPS %s refused: %s (%d)", operation, key, code);
        return new RpsResult.Refused<>(key, code, data.isMissingNode() || data.isNull() ? null : data.asText());
    }

    private static ObjectNode serverBody(String id, ServerSpec spec) {
        ObjectNode body = JSON.createObjectNode();
        if (id != null) {
            body.put("id", id);
        }
        body.put("serverName", spec.name()).put("url", spec.url());
        if (spec.authName() != null) {
            body.put("authName", spec.authName());
        }
        if (spec.password() != null) {
            body.put("password", spec.password());
        }
        if (spec.certificateUrl() != null) {
            body.put("certificateUrl", spec.certificateUrl());
        }
        return body;
    }

    private static ObjectNode listBody(String key, int skip, int limit) {
        ObjectNode body = JSON.createObjectNode();
        if (key != null) {
            body.put("key", key);
        }
        return body.put("skip", skip).put("limit", limit).put("autoCount", true);
    }

    private static Server server(JsonNode n) {
        return new Server(n.path("id").asText(), n.path("serverName").asText(), n.path("url").asText(),
                text(n, "authName"), text(n, "certificateUrl"));
    }

    private static Device device(JsonNode n) {
        return new Device(n.path("id").asText(), MacAddress.parse(n.path("mac").asText()), text(n, "serverId"));
    }

    private static <T> Page<T> page(JsonNode data, Function<JsonNode, T> read) {
        List<T> items = new ArrayList<>();
        data.path("data").forEach(n -> items.add(read.apply(n)));
        return new Page<>(items, data.path("total").asLong(items.size()));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
