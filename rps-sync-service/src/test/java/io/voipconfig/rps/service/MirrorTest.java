package io.voipconfig.rps.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.voipconfig.common.event.DeviceState;
import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventJson;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.event.OrganizationState;
import io.voipconfig.common.event.Topics;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.rps.RpsSyncTest;
import io.voipconfig.testsupport.phone.Fixtures;

/**
 * Inventory events from the real broker mirrored into the RPS simulator (a separate process that checks every
 * signature): servers per organization, devices on the right server, moves, deletions, replays that change nothing, the
 * conflict path, and injected faults that retries ride out.
 */
@RpsSyncTest
public class MirrorTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final AtomicLong VERSION = new AtomicLong(1000);

    final ServerSpecs specs;

    MirrorTest(ServerSpecs specs) {
        this.specs = specs;
    }

    public static String sim() {
        return ConfigProvider.getConfig().getValue("voipconfig-test.rps-simulator-url", String.class);
    }

    public static JsonNode simState() throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(sim() + "/sim/state")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    public static void faults(String json) throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create(sim() + "/sim/faults")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding());
    }

    public static DomainEvent orgEvent(EventType type, UUID org, String slug) throws Exception {
        String enc;
        try (Connection c = Fixtures.owner();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT provisioning_password_enc FROM organization WHERE id = ?")) {
            ps.setObject(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                enc = rs.getString(1);
            }
        }
        OrganizationState s = new OrganizationState(org.toString(), slug, slug, slug, enc, "DIGEST", false);
        return new DomainEvent(UUID.randomUUID(), type, org.toString(), org.toString(), VERSION.incrementAndGet(),
                Instant.now(), EventJson.mapper().valueToTree(s));
    }

    public static DomainEvent deviceEvent(EventType type, String mac, UUID org) {
        DeviceState s = type.isDeletion() ? null : new DeviceState(mac, org.toString(), "T46U", "desk");
        return new DomainEvent(UUID.randomUUID(), type, mac, org.toString(), VERSION.incrementAndGet(), Instant.now(),
                s == null ? null : EventJson.mapper().valueToTree(s));
    }

    /**
     * Sends the events in order and waits until the broker has them all. They go out together on the flush (a long
     * linger, a large batch), so an organization's events land in one record batch however slow the machine: the
     * consumer then sees them in one poll, and the call counts below do not depend on the producer's timing.
     */
    public static void publish(DomainEvent... events) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), "acks", "all",
                "enable.idempotence", true, "linger.ms", 60_000, "batch.size", 1 << 20), new StringSerializer(),
                new StringSerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (DomainEvent e : events) {
                sent.add(producer.send(new ProducerRecord<>(Topics.INVENTORY, e.organizationId(),
                        EventJson.toJson(e))));
            }
            producer.flush();
            for (var f : sent) {
                f.get();
            }
        }
    }

    /** How often the simulator was called with {@code operation}. */
    public static long calls(String operation) throws Exception {
        JsonNode stats = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(sim() + "/sim/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        return stats.path(operation).path("calls").asLong();
    }

    /** MAC → server name in the simulator. */
    static Map<String, String> devicesByServerName() throws Exception {
        JsonNode state = simState();
        Map<String, String> names = new HashMap<>();
        state.get("servers").forEach(s -> names.put(s.get("id").asText(), s.get("serverName").asText()));
        Map<String, String> out = new TreeMap<>();
        state.get("devices").forEach(d -> out.put(d.get("mac").asText(), names.get(d.get("serverId").asText())));
        return out;
    }

    /** The simulator's devices on these servers only (other tests share the simulator). */
    public static Map<String, String> on(String... servers) throws Exception {
        Map<String, String> out = new TreeMap<>(devicesByServerName());
        out.values().removeIf(s -> !List.of(servers).contains(s));
        return out;
    }

    public static void await(String what, Callable<Boolean> condition) throws Exception {
        try {
            Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(200)).pollInSameThread().until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out waiting for " + what + "; simulator state: " + simState(), e);
        }
    }

    static String status(String mac) throws Exception {
        try (Connection c = Fixtures.owner();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT status FROM rps_device_state WHERE mac = ?")) {
            ps.setString(1, mac);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void organizationsAndDevicesAreMirroredMovedDeletedAndReplaysChangeNothing() throws Exception {
        UUID acme = Fixtures.organization("mir-acme", "mir-acme", "mir-acme-pw", "DIGEST");
        UUID globex = Fixtures.organization("mir-globex", "mir-globex", "mir-globex-pw", "DIGEST");
        String acmeServer = specs.serverName(acme);
        String globexServer = specs.serverName(globex);
        DomainEvent m1 = deviceEvent(EventType.DEVICE_CREATED, "001565a10001", acme);
        publish(orgEvent(EventType.ORGANIZATION_CREATED, acme, "mir-acme"), m1,
                deviceEvent(EventType.DEVICE_CREATED, "001565a10002", acme),
                deviceEvent(EventType.DEVICE_CREATED, "001565fff002", acme), // owned by another enterprise
                orgEvent(EventType.ORGANIZATION_CREATED, globex, "mir-globex"),
                deviceEvent(EventType.DEVICE_CREATED, "001565a10003", globex));
        await("first devices", () -> on(acmeServer, globexServer).size() == 3);
        publish(deviceEvent(EventType.DEVICE_UPDATED, "001565a10002", globex), // moved to globex
                deviceEvent(EventType.DEVICE_DELETED, "001565a10001", acme), m1); // m1 again, late: ignored
        // The state row is written after RPS answers: wait for it too, not only for the simulator.
        await("move and delete", () -> on(acmeServer, globexServer).equals(Map.of("001565a10002", globexServer,
                "001565a10003", globexServer)) && "DELETED".equals(status("001565a10001")));
        assertThat(status("001565fff002")).isEqualTo("CONFLICT");
        JsonNode servers = simState().get("servers");
        assertThat(servers).extracting(s -> s.get("serverName").asText()).contains(acmeServer, globexServer);
        assertThat(servers.toString()).contains("http://localhost:8081/o/mir-acme/").doesNotContain("mir-acme-pw");
        try (Connection c = Fixtures.owner();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT string_agg(coalesce(target, '') || coalesce(error_text, ''), ' ') FROM rps_history");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertThat(rs.getString(1)).contains("device.mac.added.by.other").doesNotContain("-pw");
        }
    }

    @Test
    void newDevicesOfAnOrganizationReachRpsInBatchesWithHistoryPerMac() throws Exception {
        UUID org = Fixtures.organization("mir-batch", "mir-batch", "mir-batch-pw", "DIGEST");
        String server = specs.serverName(org);
        List<DomainEvent> events = new ArrayList<>();
        events.add(orgEvent(EventType.ORGANIZATION_CREATED, org, "mir-batch"));
        for (int i = 0; i < 150; i++) {
            events.add(deviceEvent(EventType.DEVICE_CREATED, String.format("001565c6%04x", i), org));
        }
        events.add(deviceEvent(EventType.DEVICE_CREATED, "001565fff001", org)); // owned by another enterprise
        long before = calls("device/add");
        publish(events.toArray(DomainEvent[]::new));
        await("150 devices", () -> devicesByServerName().values().stream().filter(server::equals).count() == 150
                && "CONFLICT".equals(status("001565fff001")));
        long adds = calls("device/add") - before;
        // 150 MACs need at least 2 calls of 100 (more when the events arrive over several polls); the foreign MAC
        // refuses its batch once, goes on its own, and the rest of its batch goes again.
        assertThat(adds).as("device/add calls for 151 devices").isBetween(2L, 12L);
        try (Connection c = Fixtures.owner();
                PreparedStatement ps = c.prepareStatement("SELECT count(DISTINCT mac), count(*) FILTER (WHERE"
                        + " target LIKE '%(batch of %') FROM rps_history WHERE organization_id = ? AND outcome = 'OK'"
                        + " AND operation = 'device/add'")) {
            ps.setObject(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("every added MAC has its history row").isEqualTo(150);
                assertThat(rs.getLong(2)).as("most were added in batches").isGreaterThanOrEqualTo(100);
            }
        }
        List<DomainEvent> deletions = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            deletions.add(deviceEvent(EventType.DEVICE_DELETED, String.format("001565c6%04x", i), org));
        }
        deletions.add(deviceEvent(EventType.DEVICE_DELETED, "001565fff001", org)); // never in RPS: no call
        long deletes = calls("device/delete");
        publish(deletions.toArray(DomainEvent[]::new));
        await("150 devices gone", () -> devicesByServerName().values().stream().noneMatch(server::equals)
                && "DELETED".equals(status("001565fff001")) && "DELETED".equals(status("001565c60095")));
        assertThat(calls("device/delete") - deletes).as("device/delete calls for 150 devices").isBetween(2L, 12L);
    }

    @Test
    void aBatchRpsAlreadyHasIsAdoptedWithOneListingInsteadOfAnAddPerDevice() throws Exception {
        UUID org = Fixtures.organization("mir-adopt", "mir-adopt", "mir-adopt-pw", "DIGEST");
        String server = specs.serverName(org);
        publish(orgEvent(EventType.ORGANIZATION_CREATED, org, "mir-adopt"));
        await("the server", () -> simState().get("servers").toString().contains(server));
        String serverId = null;
        for (JsonNode s : simState().get("servers")) {
            if (s.get("serverName").asText().equals(server)) {
                serverId = s.get("id").asText();
            }
        }
        // As if an earlier add had reached RPS unseen (a timeout, a crash): 6 of the 10 MACs are there already.
        for (int i = 0; i < 6; i++) {
            HTTP.send(HttpRequest.newBuilder(URI.create(sim() + "/sim/devices/" + String.format("001565c5%04x", i)))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"serverId\":\"" + serverId + "\"}")).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        long adds = calls("device/add");
        long lists = calls("device/list");
        List<DomainEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(deviceEvent(EventType.DEVICE_CREATED, String.format("001565c5%04x", i), org));
        }
        publish(events.toArray(DomainEvent[]::new));
        await("10 devices synced", () -> {
            for (int i = 0; i < 10; i++) {
                if (!"SYNCED".equals(status(String.format("001565c5%04x", i)))) {
                    return false;
                }
            }
            return true;
        });
        assertThat(on(server)).hasSize(10);
        assertThat(calls("device/add") - adds).as("refused once, then the 4 missing in one call")
                .isLessThanOrEqualTo(4);
        assertThat(calls("device/list") - lists).as("one listing by the common prefix").isLessThanOrEqualTo(2);
    }

    @Test
    void commonPrefixOfMacs() {
        assertThat(BatchMirror.commonPrefix(List.of(MacAddress.parse("001565c50001"),
                MacAddress.parse("001565c500ff")))).isEqualTo("001565c500");
        assertThat(BatchMirror.commonPrefix(List.of(MacAddress.parse("001565c50001"))))
                .isEqualTo("001565c50001");
    }

    @Test
    void injectedFaultsAreRiddenOutByRetries() throws Exception {
        UUID org = Fixtures.organization("mir-faulty", "mir-faulty", "mir-faulty-pw", "DIGEST");
        String server = specs.serverName(org);
        faults("{\"errorShare\":0.2,\"throttleShare\":0.1}");
        try {
            publish(orgEvent(EventType.ORGANIZATION_CREATED, org, "mir-faulty"));
            // One device at a time, so that each is its own call (no batch): 21 calls, each failing 30 % of the time.
            for (int i = 0; i < 20; i++) {
                String mac = String.format("001565b2%04x", i);
                publish(deviceEvent(EventType.DEVICE_CREATED, mac, org));
                await(mac + " despite faults", () -> server.equals(devicesByServerName().get(mac)));
            }
        } finally {
            faults("{}");
        }
        try (Connection c = Fixtures.owner();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM rps_history WHERE organization_id = ? AND outcome = 'TRANSIENT'")) {
            ps.setObject(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("faults were injected and retried").isPositive();
            }
        }
    }

    @Test
    void anEventWhoseRetriesRunOutGoesToTheDeadLetterTopicWithTheReason() throws Exception {
        UUID org = Fixtures.organization("mir-dead", "mir-dead", "mir-dead-pw", "DIGEST");
        String server = specs.serverName(org);
        publish(orgEvent(EventType.ORGANIZATION_CREATED, org, "mir-dead"));
        await("the server", () -> simState().get("servers").toString().contains(server));
        faults("{\"errorShare\":1.0}");
        String record;
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                "bootstrap.servers", ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                "group.id", "dead-letter-test-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.RPS_DEAD_LETTER));
            publish(deviceEvent(EventType.DEVICE_CREATED, "001565b30001", org));
            record = Awaitility.await("the dead-letter record").atMost(Duration.ofSeconds(60))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ZERO).pollInSameThread()
                    .until(() -> {
                        String found = null;
                        for (var r : consumer.poll(Duration.ofMillis(500))) {
                            if (r.value().contains("001565b30001")) {
                                found = r.value();
                            }
                        }
                        return found;
                    }, Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the dead-letter record: none within 60 s", e);
        } finally {
            faults("{}");
        }
        JsonNode dead = JSON.readTree(record);
        assertThat(dead.get("reason").asText()).startsWith("retries exhausted").contains("HTTP 500");
        assertThat(dead.get("event").asText()).contains("device.created").contains("001565b30001");
        assertThat(status("001565b30001")).isEqualTo("FAILED");
        assertThat(on(server)).doesNotContainKey("001565b30001");
    }
}
