package io.voipconfig.portal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for rps-sync-service's internal API so that portal-api's client can be tested over HTTP: it answers the
 * four calls portal-api makes with JSON as rps-sync-service writes it (nulls included), records the Authorization
 * header's token client, and can be told to fail ({@link #failing}) or to go away ({@link #stopServer}).
 */
public class RpsSyncStandIn implements QuarkusTestResourceLifecycleManager {

    public static final String STATUS = """
            {"server":{"name":"vc-rps-org","rpsServerId":"srv-1","status":"SYNCED","appliedVersion":3,"lastError":null,\
            "updatedAt":"2025-03-10T12:15:50.123456Z"},"devices":{"CONFLICT":1,"SYNCED":5},\
            "problems":[{"mac":"001565fff001","status":"CONFLICT","error":"device.mac.added.by.other"}]}""";
    public static final String HISTORY = """
            {"items":[{"occurredAt":"2025-03-10T12:15:50.123456Z","operation":"device/add",\
            "organizationId":"6f1c1d2e-0000-4000-8000-000000000001","mac":"001565000001","target":"srv-1",\
            "outcome":"OK","error":null,"durationMs":42,"attempt":1,"eventId":null}],\
            "page":0,"size":50,"totalItems":1}""";
    public static final String REPORT = """
            {"dryRun":false,"started":"2025-03-10T12:15:50.123456789Z","durationMs":12,"serversSeen":1,\
            "devicesSeen":5,"changes":[{"action":"add device","organizationId":"6f1c1d2e-0000-4000-8000-000000000001",\
            "target":"001565000002","outcome":"OK"}]}""";

    public static final String DRY_RUN = """
            {"dryRun":true,"started":"2025-03-10T12:16:00.123456789Z","durationMs":9,"serversSeen":1,"devicesSeen":5,\
            "changes":[{"action":"move device","organizationId":"6f1c1d2e-0000-4000-8000-000000000001",\
            "target":"001565000003","outcome":"dry run"},{"action":"adopt device",\
            "organizationId":"6f1c1d2e-0000-4000-8000-000000000001","target":"001565000004","outcome":"dry run"}]}""";

    public static volatile boolean failing;
    /** 409 or 429: resyncs and dry runs are refused as rps-sync-service refuses them (0: they are not). */
    public static volatile int refusing;
    public static final List<String> CALLS = new CopyOnWriteArrayList<>();
    public static final AtomicInteger ATTEMPTS = new AtomicInteger();
    private static HttpServer server;
    private static int port;

    @Override
    public Map<String, String> start() {
        startServer(0);
        return Map.of("quarkus.rest-client.rps-sync.url", "http://127.0.0.1:" + port);
    }

    static synchronized void startServer(int wanted) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", wanted), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/internal/v1/", RpsSyncStandIn::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    public static synchronized void stopServer() {
        server.stop(0);
    }

    public static synchronized void restartServer() {
        startServer(port);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        ATTEMPTS.incrementAndGet();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String client = auth == null || !auth.startsWith("Bearer ") ? "none" : azp(auth.substring(7));
        CALLS.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " by " + client);
        if (failing) {
            respond(exchange, 500, "{\"error\":\"injected\"}");
        } else if (!client.equals("portal-api")) {
            respond(exchange, 401, "{}");
        } else if (refusing != 0 && (exchange.getRequestURI().getPath().endsWith("/resync")
                || exchange.getRequestURI().getPath().endsWith("/reconciliation"))) {
            refuse(exchange, refusing);
        } else if (exchange.getRequestURI().getPath().endsWith("/resync")) {
            respond(exchange, 202, REPORT);
        } else if (exchange.getRequestURI().getPath().endsWith("/reconciliation")) {
            respond(exchange, 200, DRY_RUN);
        } else if (exchange.getRequestURI().getPath().endsWith("/status")) {
            respond(exchange, 200, STATUS);
        } else {
            respond(exchange, 200, HISTORY);
        }
    }

    public static final String RUNNING = "a resync of organization 6f1c1d2e-0000-4000-8000-000000000001 is running"
            + " (started 2025-03-10T12:15:50Z); one run at a time per organization";
    public static final String RATE_LIMITED = "one resync per organization every 60 s; the next one for organization"
            + " 6f1c1d2e-0000-4000-8000-000000000001 may start in 42 s";

    /** As rps-sync-service's RefusedRuns writes them. */
    private static void refuse(HttpExchange exchange, int status) throws IOException {
        if (status == 429) {
            exchange.getResponseHeaders().add("Retry-After", "42");
        }
        byte[] bytes = ("{\"type\":\"https://voipconfig.io/problems/"
                + (status == 429 ? "rate-limited" : "run-in-progress")
                + "\",\"title\":\"refused\",\"status\":" + status + ",\"detail\":\""
                + (status == 429 ? RATE_LIMITED : RUNNING) + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String azp(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return "garbage";
        }
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        var m = Pattern.compile("\"azp\"\\s*:\\s*\"([^\"]+)\"").matcher(payload);
        return m.find() ? m.group(1) : "unknown";
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
