package io.voipconfig.rpssim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voipconfig.common.rps.RpsSignature;

/** The simulator answers signed calls as RPS does, and refuses what RPS refuses. */
@QuarkusTest
class RpsSimulatorTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL base;

    /** Signs like rps-sync-service will: fresh nonce and timestamp, MD5 over the exact bytes sent. */
    HttpResponse<String> call(String method, String path, Map<String, String> query, String body, String secret,
            long timestamp, String nonce) throws Exception {
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        SortedMap<String, String> headers = RpsSignature.sign(method, path, query, bytes, "local-access-key", secret,
                Long.toString(timestamp), nonce);
        String q = query.isEmpty()
                ? ""
                : "?" + new TreeMap<>(query).entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path + q));
        headers.forEach(b::header);
        b.header("Content-Type", "application/json;charset=UTF-8");
        b.method(method, bytes == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(bytes));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode ok(String method, String path, Map<String, String> query, String body) throws Exception {
        HttpResponse<String> r = call(method, path, query, body, "local-access-secret", System.currentTimeMillis(),
                UUID.randomUUID().toString().replace("-", ""));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    JsonNode post(String path, String body) throws Exception {
        return ok("POST", path, Map.of(), body);
    }

    @BeforeEach
    void reset() throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create(base + "sim/reset")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        HTTP.send(HttpRequest.newBuilder(URI.create(base + "sim/faults")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void badSignaturesStaleTimestampsAndReplayedNoncesAreRefused() throws Exception {
        String body = "{\"key\":\"x\",\"skip\":0}";
        long now = System.currentTimeMillis();
        assertThat(call("POST", "/api/open/v1/server/list", Map.of(), body, "wrong-secret", now, "n1").statusCode())
                .isEqualTo(401);
        assertThat(call("POST", "/api/open/v1/server/list", Map.of(), body, "local-access-secret", now - 3_600_000,
                "n2").body()).contains("timestamp.expired");
        assertThat(call("POST", "/api/open/v1/server/list", Map.of(), body, "local-access-secret", now, "n3")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> replay = call("POST", "/api/open/v1/server/list", Map.of(), body, "local-access-secret",
                now, "n3");
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("nonce.replayed");
        HttpResponse<String> unsigned = HTTP.send(HttpRequest.newBuilder(URI.create(base + "api/open/v1/server/list"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(401);
        // The body must be the bytes that were signed
        byte[] signed = body.getBytes(StandardCharsets.UTF_8);
        SortedMap<String, String> h = RpsSignature.sign("POST", "/api/open/v1/server/list", Map.of(), signed,
                "local-access-key", "local-access-secret", Long.toString(now), "n4");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "api/open/v1/server/list"));
        h.forEach(b::header);
        HttpResponse<String> tampered = HTTP.send(b.POST(HttpRequest.BodyPublishers.ofString(
                "{\"key\":\"y\",\"skip\":0}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tampered.statusCode()).isEqualTo(401);
    }

    @Test
    void serversAndDevicesWithTheDocumentedErrorSemantics() throws Exception {
        JsonNode server = post("/api/open/v1/server/add", "{\"serverName\":\"vc-acme-1a2b\",\"url\":"
                + "\"https://prov.example.com/o/acme/\",\"authName\":\"acme\",\"password\":\"pw\"}");
        assertThat(server.get("ret").asInt()).isEqualTo(1);
        String serverId = server.at("/data/id").asText();
        assertThat(post("/api/open/v1/server/add", "{\"serverName\":\"vc-acme-1a2b\",\"url\":\"https://x/\"}")
                .at("/error/msg").asText()).isEqualTo("server.name.existed");
        assertThat(ok("GET", "/api/open/v1/server/checkServerName", Map.of("serverName", "vc-acme-1a2b"), null)
                .get("data").asBoolean()).isTrue();
        assertThat(ok("GET", "/api/open/v1/server/detail", Map.of("id", serverId), null).at("/data/url").asText())
                .isEqualTo("https://prov.example.com/o/acme/");

        JsonNode added = post("/api/open/v1/device/add", "{\"macs\":[\"001565000001\",\"00:15:65:00:00:02\"],"
                + "\"serverId\":\"" + serverId + "\"}");
        assertThat(added.get("data")).hasSize(2);
        JsonNode existed = post("/api/open/v1/device/add", "{\"macs\":[\"001565000001\"],\"serverId\":\"" + serverId
                + "\"}");
        assertThat(existed.get("ret").asInt()).isEqualTo(-1);
        assertThat(existed.at("/error/msg").asText()).isEqualTo("device.mac.existed");
        JsonNode other = post("/api/open/v1/device/add", "{\"macs\":[\"001565fff001\"],\"serverId\":\"" + serverId
                + "\"}");
        assertThat(other.at("/error/msg").asText()).isEqualTo("device.mac.added.by.other");
        assertThat(other.at("/error/errorCode").asInt()).isEqualTo(409);
        assertThat(other.get("data").asText()).isEqualTo("001565fff001");
        assertThat(ok("GET", "/api/open/v1/device/checkMac", Map.of("mac", "001565fff001"), null).get("data")
                .toString()).isEqualTo("{\"existed\":true,\"self\":false}");
        StringBuilder many = new StringBuilder("{\"macs\":[");
        for (int i = 0; i < 101; i++) {
            many.append(i == 0 ? "" : ",").append('"').append(String.format("0015651%05x", i)).append('"');
        }
        assertThat(post("/api/open/v1/device/add", many + "],\"serverId\":\"" + serverId + "\"}").at("/error/msg")
                .asText()).isEqualTo("device.batch.too.large");

        assertThat(post("/api/open/v1/server/delete", "{\"ids\":[\"" + serverId + "\"]}").at("/error/msg").asText())
                .isEqualTo("server.has.devices");
        JsonNode list = post("/api/open/v1/device/list", "{\"key\":\"001565000001\",\"skip\":0,\"limit\":10}");
        String deviceId = list.at("/data/data/0/id").asText();
        assertThat(post("/api/open/v1/device/delete", "{\"ids\":[\"" + deviceId + "\"]}").get("ret").asInt())
                .isEqualTo(0);
        assertThat(post("/api/open/v1/device/delete", "{\"ids\":[\"" + deviceId + "\"]}").at("/error/msg").asText())
                .isEqualTo("device.not.found");
        assertThat(post("/api/open/v1/device/delete", "{\"macs\":[\"001565000002\"]}").get("ret").asInt())
                .isEqualTo(0);
        assertThat(post("/api/open/v1/server/delete", "{\"ids\":[\"" + serverId + "\"]}").get("ret").asInt())
                .isEqualTo(0);
    }

    @Test
    void aPhoneLearnsWhereToGoAndFaultsAreInjectedOnRequest() throws Exception {
        String serverId = post("/api/open/v1/server/add", "{\"serverName\":\"vc-where\",\"url\":"
                + "\"https://prov.example.com/o/acme/\",\"authName\":\"acme\",\"password\":\"acme-pw\"}")
                .at("/data/id").asText();
        post("/api/open/v1/device/add", "{\"macs\":[\"001565000003\"],\"serverId\":\"" + serverId + "\"}");
        HttpResponse<String> where = HTTP.send(HttpRequest.newBuilder(URI.create(base
                + "sim/where?mac=00:15:65:00:00:03")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(where.body()).get("url").asText()).isEqualTo("https://prov.example.com/o/acme/");
        assertThat(JSON.readTree(where.body()).get("password").asText()).isEqualTo("acme-pw");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base + "sim/where?mac=001565000099")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

        HTTP.send(HttpRequest.newBuilder(URI.create(base + "sim/faults")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"errorShare\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(call("POST", "/api/open/v1/server/list", Map.of(), "{}", "local-access-secret",
                System.currentTimeMillis(), "f1").statusCode()).isEqualTo(500);
        HTTP.send(HttpRequest.newBuilder(URI.create(base + "sim/faults")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"throttleShare\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(call("POST", "/api/open/v1/server/list", Map.of(), "{}", "local-access-secret",
                System.currentTimeMillis(), "f2").statusCode()).isEqualTo(429);
    }

    @Test
    void heldAnswersAreDoneAtOnceAndAnsweredOnRelease() throws Exception {
        faults("{\"holdAnswers\":true}");
        CompletableFuture<HttpResponse<String>> add;
        try {
            add = CompletableFuture.supplyAsync(() -> {
                try {
                    return call("POST", "/api/open/v1/server/add", Map.of(),
                            "{\"serverName\":\"held\",\"url\":\"https://prov.example.com/o/held/\"}",
                            "local-access-secret", System.currentTimeMillis(), "held1");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Awaitility.await("the server added while its answer is held").atMost(Duration.ofSeconds(30))
                    .until(() -> simGet("sim/state").contains("\"held\""));
            assertThat(add).as("the answer is held").isNotDone();
        } finally {
            faults("{}");
        }
        HttpResponse<String> answer = add.get(30, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).at("/data/serverName").asText()).isEqualTo("held");
        assertThat(simGet("sim/stats")).contains("\"fault:held\":1");
    }

    void faults(String json) throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create(base + "sim/faults")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String simGet(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
