package io.voipconfig.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.voipconfig.common.event.Topics;
import io.voipconfig.localinfra.DatabaseRoles;
import io.voipconfig.localinfra.KeycloakTokens;

/**
 * The RPS mirroring proof (issue 6): starts the whole suite, creates, updates, moves and deletes devices over many
 * organizations through portal-api while the RPS simulator injects faults and rps-sync-service is SIGKILLed and
 * started again mid-stream, then waits until the simulator's state equals the database and prints the figures.
 * Scheduled reconciliation is off, so whatever converges, converges through the event path alone.
 *
 * <p>usage: {@code RpsProof [--devices N] [--organizations N] [--faults SHARE] [--kills N] [--seed N]}, or
 * {@code bench/rps-proof.sh}.
 *
 * <p>Over 400 lines: a benchmark script in Java — the scenario, the convergence check and the figures it prints read
 * best top to bottom in one place.
 */
public final class RpsProof {

    /** Changes rps-sync-service has not recorded as applied: devices and organizations behind, deletions pending. */
    private static final String UNSETTLED = "SELECT (SELECT count(*) FROM device d LEFT JOIN rps_device_state s"
            + " ON s.mac = d.mac WHERE s.mac IS NULL OR s.applied_version < d.version)"
            + " + (SELECT count(*) FROM organization o LEFT JOIN rps_server_state s ON s.organization_id = o.id"
            + " WHERE s.organization_id IS NULL OR s.applied_version < o.version)"
            + " + (SELECT count(*) FROM rps_device_state s WHERE s.status <> 'DELETED'"
            + " AND NOT EXISTS (SELECT 1 FROM device d WHERE d.mac = s.mac))";

    /** What to do. */
    record Options(int devices, int organizations, double faultShare, int kills, long seed, Path root) {
    }

    /** What happened. */
    record Report(
            boolean converged,
            Duration timeToConverge,
            String mismatch,
            int organizations,
            int devicesInDb,
            int devicesMirrored,
            List<String> conflicts,
            long eventsPublished,
            long unsettled,
            long deadLetters,
            Map<String, Map<String, Long>> simulatorCalls,
            long rpsCalls,
            long historyCalls,
            long historyPending,
            long historyUnanswered,
            long transientAnswers,
            long retriedCalls,
            long duplicateCalls,
            List<String> kills,
            Duration writes) {

        String render() {
            StringBuilder b = new StringBuilder("\nRPS mirroring proof\n");
            b.append(String.format("  organizations                %d%n", organizations));
            b.append(String.format("  devices in the database      %d (mirrored %d, in conflict %d: %s)%n",
                    devicesInDb, devicesMirrored, conflicts.size(), String.join(" ", conflicts)));
            b.append(String.format("  writes through portal-api    %.1f s%n", writes.toMillis() / 1000.0));
            b.append(String.format("  rps-sync-service kills       %s%n", kills));
            b.append(String.format("  events published             %d (organization and device events)%n",
                    eventsPublished));
            b.append(String.format("  events not settled           %d (rows whose applied version is behind)%n",
                    unsettled));
            b.append(String.format("  converged                    %s%s%n", converged ? "yes" : "NO",
                    converged
                            ? String.format(", %.1f s after the last write", timeToConverge.toMillis() / 1000.0)
                            : ": " + mismatch));
            b.append(String.format("  RPS calls made               %d (answered by the simulator)%n", rpsCalls));
            simulatorCalls.forEach((op, answers) -> b.append(String.format("    %-26s %s%n", op, answers)));
            b.append(String.format("  retries                      %d calls with attempt > 1; %d transient answers"
                    + " (injected 500/429 and timeouts)%n", retriedCalls, transientAnswers));
            b.append(String.format("  duplicate calls              %d (RPS already had it: *.existed, or *.not.found on"
                    + " delete — work redone after a crash or a timeout)%n", duplicateCalls));
            b.append(String.format("  history                      %d calls recorded, %d left PENDING by a kill, %d"
                    + " ended by a timeout or a connection failure (may not have reached RPS)%n", historyCalls,
                    historyPending, historyUnanswered));
            b.append(String.format("  dead-letter topic            %d records%n", deadLetters));
            return b.toString();
        }
    }

    static final List<String> FOREIGN = List.of("001565fff001"); // owned by another enterprise in the simulator
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Options o;
    private final Random random;
    private Launcher suite;
    private CompletableFuture<Void> lastRestart = CompletableFuture.completedFuture(null);
    private final List<String> kills = Collections.synchronizedList(new ArrayList<>());

    private RpsProof(Options o) {
        this.o = o;
        this.random = new Random(o.seed());
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger(RpsProof.class.getName());
        org.slf4j.LoggerFactory.getLogger(RpsProof.class);
        int devices = 1000;
        int organizations = 20;
        double faults = 0.10;
        int kills = 2;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--devices" -> devices = Integer.parseInt(value);
                case "--organizations" -> organizations = Integer.parseInt(value);
                case "--faults" -> faults = Double.parseDouble(value);
                case "--kills" -> kills = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                default -> {
                    System.err.println("usage: RpsProof [--devices N] [--organizations N] [--faults SHARE]"
                            + " [--kills N] [--seed N]");
                    System.exit(2);
                }
            }
            i++;
        }
        if (devices < organizations || organizations < 2 || faults < 0 || faults > 0.5 || kills < 0) {
            System.err.println("need devices >= organizations >= 2, 0 <= faults <= 0.5, kills >= 0");
            System.exit(2);
        }
        Path root = Path.of(System.getProperty("voipconfig.root", ".")).toAbsolutePath().normalize();
        Report r = run(new Options(devices, organizations, faults, kills, seed, root));
        System.out.println(r.render());
        System.exit(r.converged() && r.deadLetters() == 0 && r.unsettled() == 0 ? 0 : 1);
    }

    static Report run(Options o) throws Exception {
        RpsProof proof = new RpsProof(o);
        try {
            return proof.prove();
        } finally {
            if (proof.suite != null) {
                proof.suite.close();
            }
        }
    }

    private Report prove() throws Exception {
        Map<String, Integer> ports = SuitePorts.free();
        Path data = Files.createTempDirectory("voipconfig-rps-proof");
        // Short RPS timeouts make the injected slow answers real timeouts (the simulator still applies them late);
        // no scheduled reconciliation: the event path alone must converge.
        suite = Launcher.startSuite(o.root(), data, ports, Map.of("rps-sync-service", Map.of(
                "VOIPCONFIG_RPS_TIMEOUT", "2S", "VOIPCONFIG_RECONCILE_EVERY", "off")));
        String sim = suite.url("rps-simulator");
        double f = o.faultShare();
        http("PUT", sim + "/sim/faults", String.format(Locale.ROOT,
                "{\"errorShare\":%s,\"throttleShare\":%s,\"slowShare\":%s,\"slowDelayMillis\":2500}", f * 0.4,
                f * 0.4, f * 0.2));
        step("faults injected: " + Math.round(f * 100) + " % of RPS calls (40 % of them 500, 40 % 429, 20 % too slow)");

        long t0 = System.nanoTime();
        List<String> orgs = new ArrayList<>();
        Map<String, String> deviceOrg = new LinkedHashMap<>(); // mac → slug, as we expect it
        List<Integer> killAt = new ArrayList<>(); // after which of the four phases' halves
        for (int k = 0; k < o.kills(); k++) {
            killAt.add(k);
        }
        List<CompletableFuture<Void>> restarts = new ArrayList<>();

        // 1. organizations and their devices (bulk import, one CSV per organization)
        int perOrg = o.devices() / o.organizations();
        for (int i = 1; i <= o.organizations(); i++) {
            String slug = String.format("proof-%02d", i);
            Map<String, Object> org = new LinkedHashMap<>();
            org.put("slug", slug);
            org.put("name", "Proof " + i);
            org.put("provisioning", Map.of("username", slug + "-prov", "password", slug + "-pw-" + i, "authMode",
                    "DIGEST"));
            api().post("/api/v1/organizations", org).expect(201);
            orgs.add(slug);
            StringBuilder csv = new StringBuilder("mac,model,label,user_name,password,server\n");
            int count = i == o.organizations() ? o.devices() - perOrg * (o.organizations() - 1) : perOrg;
            for (int d = 0; d < count; d++) {
                String mac = String.format("00156590%04x", deviceOrg.size());
                deviceOrg.put(mac, slug);
                csv.append(mac).append(",T46U,Desk ").append(d).append(',').append(1000 + d).append(",pw-")
                        .append(mac).append(",sip.example.com\n");
            }
            if (i == 1) {
                for (String mac : FOREIGN) {
                    csv.append(mac).append(",T46U,Foreign,999,pw-foreign,sip.example.com\n");
                }
            }
            api().postCsv("/api/v1/organizations/" + slug + "/devices/import", csv.toString()).expect(200);
            if (i == o.organizations() / 2 && !killAt.isEmpty()) {
                restarts.add(killAndRestart(killAt.remove(0), "while importing"));
            }
        }
        step("created " + orgs.size() + " organizations and " + (deviceOrg.size() + FOREIGN.size())
                + " devices (CSV import)");

        // 2. updates: 30 % get a new label (same server in RPS: no call needed)
        List<String> macs = new ArrayList<>(deviceOrg.keySet());
        Collections.shuffle(macs, random);
        int updates = o.devices() * 3 / 10;
        for (String mac : macs.subList(0, updates)) {
            String path = "/api/v1/organizations/" + deviceOrg.get(mac) + "/devices/" + mac;
            Map<String, Object> device = JSON.convertValue(api().get(path).expect(200).json(), Map.class);
            device.put("label", "Renamed " + mac.substring(8));
            api().put(path, device).expect(200);
        }
        step("updated " + updates + " devices");

        // 3. moves: 20 % go to another organization
        Collections.shuffle(macs, random);
        int moves = o.devices() / 5;
        for (int m = 0; m < moves; m++) {
            String mac = macs.get(m);
            String from = deviceOrg.get(mac);
            String to = orgs.get((orgs.indexOf(from) + 1 + random.nextInt(orgs.size() - 1)) % orgs.size());
            api().post("/api/v1/organizations/" + from + "/devices/" + mac + "/move", Map.of("organization", to))
                    .expect(200);
            deviceOrg.put(mac, to);
            if (m == moves / 2 && !killAt.isEmpty()) {
                restarts.add(killAndRestart(killAt.remove(0), "while moving"));
            }
        }
        step("moved " + moves + " devices");

        // 4. deletes: 20 % (some of them just moved)
        Collections.shuffle(macs, random);
        int deletes = o.devices() / 5;
        for (String mac : macs.subList(0, deletes)) {
            api().delete("/api/v1/organizations/" + deviceOrg.get(mac) + "/devices/" + mac).expect(204);
            deviceOrg.remove(mac);
        }
        step("deleted " + deletes + " devices");
        while (!killAt.isEmpty()) {
            restarts.add(killAndRestart(killAt.remove(0), "after the writes"));
        }
        Duration writes = Duration.ofNanos(System.nanoTime() - t0);
        long writesDone = System.nanoTime();
        CompletableFuture.allOf(restarts.toArray(CompletableFuture[]::new)).join();

        // Converge: the simulator equals the database, and rps-sync-service has recorded every change as applied (it
        // records after RPS answers, so RPS can hold a change while its state row still trails, e.g. during a retry).
        String mismatch = "";
        boolean converged = false;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            mismatch = compare();
            if (mismatch.isEmpty()) {
                try (Connection c = db(); Statement st = c.createStatement()) {
                    long unsettled = count(st, UNSETTLED);
                    mismatch = unsettled == 0 ? "" : unsettled + " change(s) not yet recorded as applied";
                }
            }
            if (mismatch.isEmpty()) {
                converged = true;
                break;
            }
            Thread.sleep(500);
        }
        Duration converge = Duration.ofNanos(System.nanoTime() - writesDone);
        step(converged ? "converged" : "did not converge: " + mismatch);
        http("PUT", sim + "/sim/faults", "{}");
        return figures(converged, converge, mismatch, writes);
    }

    /** Empty when RPS (the simulator) holds exactly the database's servers and devices; else what differs. */
    private String compare() throws Exception {
        Map<String, String> expectedServer = new TreeMap<>(); // server name → slug
        Map<String, String> expectedDevices = new TreeMap<>(); // mac → server name
        try (Connection c = db(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT id, slug FROM organization")) {
                while (rs.next()) {
                    expectedServer.put(serverName(rs.getString(1)), rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT d.mac, d.organization_id FROM device d LEFT JOIN"
                    + " rps_device_state s ON s.mac = d.mac WHERE coalesce(s.status, '') <> 'CONFLICT'")) {
                while (rs.next()) {
                    expectedDevices.put(rs.getString(1), serverName(rs.getString(2)));
                }
            }
        }
        JsonNode state = JSON.readTree(http("GET", suite.url("rps-simulator") + "/sim/state", null));
        Map<String, String> serverNames = new HashMap<>();
        Map<String, String> actualServer = new TreeMap<>();
        for (JsonNode s : state.get("servers")) {
            serverNames.put(s.get("id").asText(), s.get("serverName").asText());
            if (s.get("serverName").asText().startsWith("vc-")) {
                String url = s.get("url").asText();
                actualServer.put(s.get("serverName").asText(), url.replaceAll(".*/o/([^/]+)/$", "$1"));
            }
        }
        Map<String, String> actualDevices = new TreeMap<>();
        for (JsonNode d : state.get("devices")) {
            String server = serverNames.get(d.get("serverId").asText());
            if (server != null && server.startsWith("vc-")) {
                actualDevices.put(d.get("mac").asText(), server);
            }
        }
        List<String> diff = new ArrayList<>();
        if (!expectedServer.equals(actualServer)) {
            diff.add("servers: expected " + expectedServer.size() + ", RPS has " + actualServer.size()
                    + describe(expectedServer, actualServer));
        }
        if (!expectedDevices.equals(actualDevices)) {
            diff.add("devices: expected " + expectedDevices.size() + ", RPS has " + actualDevices.size()
                    + describe(expectedDevices, actualDevices));
        }
        return String.join("; ", diff);
    }

    private static String describe(Map<String, String> expected, Map<String, String> actual) {
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            if (!Objects.equals(expected.get(k), actual.get(k)) && out.size() < 5) {
                out.add(k + " " + expected.get(k) + "≠" + actual.get(k));
            }
        }
        return " (" + String.join(", ", out) + (out.size() == 5 ? ", ..." : "") + ")";
    }

    private Report figures(boolean converged, Duration converge, String mismatch, Duration writes) throws Exception {
        JsonNode stats = JSON.readTree(http("GET", suite.url("rps-simulator") + "/sim/stats", null));
        Map<String, Map<String, Long>> calls = new TreeMap<>();
        long rpsCalls = 0;
        long duplicates = 0;
        for (var op = stats.fields(); op.hasNext();) {
            var e = op.next();
            Map<String, Long> answers = new TreeMap<>();
            for (var a = e.getValue().fields(); a.hasNext();) {
                var answer = a.next();
                long n = answer.getValue().asLong();
                answers.put(answer.getKey(), n);
                if (answer.getKey().equals("calls")) {
                    rpsCalls += n;
                }
                if (answer.getKey().endsWith(".existed") || answer.getKey().endsWith(".not.found")) {
                    duplicates += n;
                }
            }
            calls.put(e.getKey(), answers);
        }
        long events;
        long unsettled;
        long historyCalls;
        long pending;
        long transients;
        long unanswered;
        long retried;
        int orgCount;
        int devicesInDb;
        List<String> conflicts = new ArrayList<>();
        try (Connection c = db(); Statement st = c.createStatement()) {
            events = count(st, "SELECT count(*) FROM outbox WHERE event_type LIKE 'organization.%'"
                    + " OR event_type LIKE 'device.%'");
            unsettled = count(st, UNSETTLED);
            // Calls, not rows: a batch's rows share a call_id. A timeout or a failed connection can strike before
            // the request was written: RPS may not have seen such a call ("unanswered").
            try (ResultSet rs = st.executeQuery("SELECT " + calls("true") + ", " + calls("outcome = 'PENDING'") + ", "
                    + calls("outcome = 'TRANSIENT' AND (error_text LIKE '%Timeout%' OR error_text LIKE '%Connect%'"
                            + " OR error_text LIKE '%closed%')")
                    + ", " + calls("outcome = 'TRANSIENT'") + ", " + calls("attempt > 1") + " FROM rps_history")) {
                rs.next();
                historyCalls = rs.getLong(1);
                pending = rs.getLong(2);
                unanswered = rs.getLong(3);
                transients = rs.getLong(4);
                retried = rs.getLong(5);
            }
            orgCount = (int) count(st, "SELECT count(*) FROM organization");
            devicesInDb = (int) count(st, "SELECT count(*) FROM device");
            try (ResultSet rs = st.executeQuery("SELECT mac FROM rps_device_state WHERE status = 'CONFLICT'"
                    + " ORDER BY mac")) {
                while (rs.next()) {
                    conflicts.add(rs.getString(1));
                }
            }
        }
        return new Report(converged, converge, mismatch, orgCount, devicesInDb, devicesInDb - conflicts.size(),
                conflicts, events, unsettled, deadLetters(), calls, rpsCalls, historyCalls, pending, unanswered,
                transients, retried, duplicates, List.copyOf(kills), writes);
    }

    /** Records in the dead-letter topic, read from the beginning. */
    private long deadLetters() {
        Map<String, Object> props = Map.of("bootstrap.servers", suite.kafkaBootstrapServers(), "group.id",
                "rps-proof-" + UUID.randomUUID(), "auto.offset.reset", "earliest", "enable.auto.commit", false);
        long n = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.RPS_DEAD_LETTER));
            long quietSince = System.nanoTime();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && System.nanoTime() - quietSince < Duration.ofSeconds(5).toNanos()) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    records.forEach(r -> System.out.println("  dead letter: " + r.value()));
                    n += records.count();
                    quietSince = System.nanoTime();
                }
            }
        }
        return n;
    }

    /** SIGKILLs rps-sync-service now and starts it again in the background (as an orchestrator would). */
    private CompletableFuture<Void> killAndRestart(int n, String when) {
        lastRestart.join(); // one crash at a time: the previous one is back up first
        suite.kill("rps-sync-service");
        long t = System.nanoTime();
        step("rps-sync-service killed (SIGKILL) " + when);
        lastRestart = CompletableFuture.runAsync(() -> {
            suite.restart("rps-sync-service", Duration.ofMinutes(2));
            String s = String.format("#%d %s, back in %.1f s", n + 1, when, (System.nanoTime() - t) / 1e9);
            kills.add(s);
            step("rps-sync-service restarted: " + s);
        });
        return lastRestart;
    }

    private PortalClient api() {
        // A fresh token per call keeps long runs clear of token expiry; Keycloak answers in a few milliseconds.
        return new PortalClient(suite.url("portal-api"), KeycloakTokens.user(suite.realmUrl(), "partner", "partner"));
    }

    private Connection db() throws Exception {
        return DriverManager.getConnection(suite.ownerJdbcUrl(), DatabaseRoles.OWNER,
                DatabaseRoles.devPassword(DatabaseRoles.OWNER));
    }

    /** The number of RPS calls among rps_history's rows that match {@code condition} (a batch's rows share a call). */
    private static String calls(String condition) {
        return "count(*) FILTER (WHERE call_id IS NULL AND " + condition + ") + count(DISTINCT call_id) FILTER (WHERE "
                + condition + ")";
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The RPS server name rps-sync-service gives an organization ({@code Mirror.serverName}). */
    static String serverName(String organizationId) throws Exception {
        byte[] h = MessageDigest.getInstance("SHA-256").digest(organizationId.getBytes(StandardCharsets.UTF_8));
        return "vc-" + HexFormat.of().formatHex(h).substring(0, 16);
    }

    private static String http(String method, String url, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static void step(String s) {
        System.out.println("  * " + s);
        System.out.flush();
    }
}
