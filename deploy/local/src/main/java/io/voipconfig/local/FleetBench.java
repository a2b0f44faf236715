package io.voipconfig.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.voipconfig.localinfra.DatabaseRoles;
import io.voipconfig.localinfra.KeycloakTokens;

/**
 * The fleet-view benchmark (issue 16: a page with a filter and a sort in p95 &lt; 200 ms at 100,000 devices): seeds
 * organization {@code fleet-bench} in a running local suite straight into the database — N devices of four models,
 * presence for nine in ten (last seen over a week, three firmware versions, one in ten with a pending change, one in
 * fifty with wrong credentials), RPS state for all (one in a hundred in conflict) — then times portal-api's device
 * list over HTTP as the partner: each query 20 times to warm up, then {@code rounds} times one after the other.
 * Prints p50/p95/max per query and, as the same run's baseline, the model catalog (the same token check and JSON
 * path without the fleet's SQL).
 *
 * <p>usage: {@code FleetBench <devices> <rounds> <portalUrl> <realmUrl> [jdbcUrl]}
 */
public final class FleetBench {

    static final UUID ORG = UUID.fromString("f1ee7000-0000-4000-8000-0000000000be");
    static final String SLUG = "fleet-bench";
    static final String[] MODELS = {"T46U", "T54W", "T48U", "T33G"};
    static final String[] FIRMWARE = {"108.86.0.90", "108.86.0.75", "96.86.0.100"};

    public static void main(String[] args) throws Exception {
        int devices = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        String portal = args[2];
        String realm = args[3];
        String jdbc = args.length > 4 ? args[4] : "jdbc:postgresql://localhost:55432/" + DatabaseRoles.DATABASE;
        long seedStart = System.nanoTime();
        seed(jdbc, devices);
        System.out.printf("seeded %,d devices in %.1f s%n", devices, (System.nanoTime() - seedStart) / 1e9);

        String token = KeycloakTokens.user(realm, "partner", "partner");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = portal + "/api/v1/organizations/" + SLUG + "/devices?size=50";
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("baseline: GET /api/v1/models?size=1", portal + "/api/v1/models?size=1");
        queries.put("first page, sort mac", base);
        queries.put("pending=true, sort lastSeenAt desc", base + "&pending=true&sort=lastSeenAt,desc");
        queries.put("model=T54W, sort label", base + "&model=T54W&sort=label");
        queries.put("outcome=WRONG_CREDENTIALS, sort lastSeenAt desc",
                base + "&outcome=WRONG_CREDENTIALS&sort=lastSeenAt,desc");
        queries.put("firmware + seenAfter (2 days), sort firmware",
                base + "&firmware=108.86.0.75&seenAfter=" + Instant.now().minus(Duration.ofDays(2)) + "&sort=firmware");
        queries.put("q=label text, sort mac", base + "&q=desk%2012");
        queries.put("neverSeen=true, sort updatedAt desc", base + "&neverSeen=true&sort=updatedAt,desc");
        queries.put("rps=CONFLICT", base + "&rps=CONFLICT");
        queries.put("page 1000 (offset 50,000), sort mac", base + "&page=1000");

        System.out.printf("%n%-52s %8s %8s %8s %8s %10s%n", "query", "items", "p50 ms", "p95 ms", "max ms",
                "p95/base");
        double baseline = 0;
        for (Map.Entry<String, String> q : queries.entrySet()) {
            for (int i = 0; i < 20; i++) {
                get(http, q.getValue(), token);
            }
            double[] ms = new double[rounds];
            String total = "";
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                String body = get(http, q.getValue(), token);
                ms[i] = (System.nanoTime() - t0) / 1e6;
                total = totalItems(body);
            }
            Arrays.sort(ms);
            double p95 = ms[(int) Math.ceil(rounds * 0.95) - 1];
            if (baseline == 0) {
                baseline = p95;
            }
            System.out.printf("%-52s %8s %8.1f %8.1f %8.1f %9.1fx%n", q.getKey(), total, ms[rounds / 2], p95,
                    ms[rounds - 1], p95 / baseline);
        }
    }

    static String get(HttpClient http, String url, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String totalItems(String json) {
        int i = json.indexOf("\"totalItems\":");
        if (i < 0) {
            return "-";
        }
        int end = i + 13;
        while (end < json.length() && Character.isDigit(json.charAt(end))) {
            end++;
        }
        return json.substring(i + 13, end);
    }

    /** Replaces the benchmark organization's devices (idempotent): one transaction of batched inserts. */
    static void seed(String jdbc, int devices) throws Exception {
        Random random = new Random(42);
        Instant now = Instant.now();
        try (Connection c = DriverManager.getConnection(jdbc + "?reWriteBatchedInserts=true", DatabaseRoles.OWNER,
                DatabaseRoles.devPassword(DatabaseRoles.OWNER))) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM rps_device_state WHERE organization_id = '" + ORG + "'");
                s.executeUpdate("DELETE FROM organization WHERE id = '" + ORG + "'");
                // the password is never used: no phone of this organization asks for anything
                s.executeUpdate("INSERT INTO organization (id, slug, name, provisioning_username,"
                        + " provisioning_password_enc, version) VALUES ('" + ORG + "', '" + SLUG
                        + "', 'Fleet benchmark', 'fleet', 'unused', nextval('aggregate_version_seq'))");
            }
            long orgVersion;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT version FROM organization WHERE id = '" + ORG + "'")) {
                rs.next();
                orgVersion = rs.getLong(1);
            }
            List<String> macs = new ArrayList<>();
            try (PreparedStatement dev = c.prepareStatement("INSERT INTO device (mac, organization_id, model, label,"
                    + " version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= devices; i++) {
                    String mac = String.format("0015f1%06x", i);
                    macs.add(mac);
                    Timestamp created = Timestamp.from(now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 30))));
                    dev.setString(1, mac);
                    dev.setObject(2, ORG);
                    dev.setString(3, MODELS[i % MODELS.length]);
                    dev.setString(4, "Desk " + i);
                    dev.setLong(5, orgVersion - 1); // older than the organization: current unless marked pending
                    dev.setTimestamp(6, created);
                    dev.setTimestamp(7, created);
                    dev.addBatch();
                }
                dev.executeBatch();
            }
            try (PreparedStatement presence = c.prepareStatement("INSERT INTO device_presence (mac, last_seen_at,"
                    + " last_ip, last_user_agent, model, firmware, last_file, last_outcome, config_version)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement rps = c.prepareStatement("INSERT INTO rps_device_state (mac, organization_id,"
                            + " status, applied_version) VALUES (?, ?, ?, 1)")) {
                for (int i = 0; i < macs.size(); i++) {
                    String mac = macs.get(i);
                    if (i % 10 != 9) {
                        String firmware = FIRMWARE[random.nextInt(FIRMWARE.length)];
                        presence.setString(1, mac);
                        presence.setTimestamp(2, Timestamp.from(now.minusSeconds(random.nextInt(7 * 24 * 3600))));
                        presence.setString(3, "10.0." + (i / 250 % 250) + "." + (i % 250 + 1));
                        presence.setString(4, "Yealink SIP-" + MODELS[(i + 1) % MODELS.length] + " " + firmware);
                        presence.setString(5, MODELS[(i + 1) % MODELS.length]);
                        presence.setString(6, firmware);
                        presence.setString(7, "/" + mac + ".cfg");
                        presence.setString(8, i % 50 == 7 ? "WRONG_CREDENTIALS" : "SUCCESS");
                        presence.setLong(9, i % 10 == 3 ? orgVersion - 2 : orgVersion); // one in ten pending
                        presence.addBatch();
                    }
                    rps.setString(1, mac);
                    rps.setObject(2, ORG);
                    rps.setString(3, i % 100 == 42 ? "CONFLICT" : "SYNCED");
                    rps.addBatch();
                }
                presence.executeBatch();
                rps.executeBatch();
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute("ANALYZE device, device_presence, rps_device_state");
            }
        }
    }
}
