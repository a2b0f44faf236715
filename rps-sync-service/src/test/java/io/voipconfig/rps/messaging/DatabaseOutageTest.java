package io.voipconfig.rps.messaging;

import static io.voipconfig.rps.service.MirrorTest.await;
import static io.voipconfig.rps.service.MirrorTest.deviceEvent;
import static io.voipconfig.rps.service.MirrorTest.faults;
import static io.voipconfig.rps.service.MirrorTest.on;
import static io.voipconfig.rps.service.MirrorTest.orgEvent;
import static io.voipconfig.rps.service.MirrorTest.publish;
import static io.voipconfig.rps.service.MirrorTest.simState;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventType;
import io.voipconfig.rps.RpsSyncTest;
import io.voipconfig.rps.config.RpsSyncConfig;
import io.voipconfig.rps.service.ServerSpecs;
import io.voipconfig.testsupport.PostgresOutage;
import io.voipconfig.testsupport.phone.Fixtures;

/**
 * PostgreSQL goes away in the middle of a polled batch (docs/rps-sync.md, "When the database or the broker is away"):
 * the consumer holds the batch, unacknowledged, and tries again until the database is back; then every event of the
 * batch reaches RPS and the state tables, and none goes to the dead-letter topic. With {@code failure-strategy=ignore}
 * the batch failed once the attempts were spent (the failure could not even be recorded) and was skipped: the
 * organizations after the first never reached RPS.
 */
@RpsSyncTest
public class DatabaseOutageTest {

    static final int ORGANIZATIONS = 3;
    static final int DEVICES = 4;

    @PostgresOutage.Inject
    PostgresOutage outage;

    final ServerSpecs specs;
    final MeterRegistry registry;
    final RpsSyncConfig config;

    DatabaseOutageTest(ServerSpecs specs, MeterRegistry registry, RpsSyncConfig config) {
        this.specs = specs;
        this.registry = registry;
        this.config = config;
    }

    double metric(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aBatchCutShortByTheDatabaseIsMirroredWholeOnceItIsBack() throws Exception {
        List<DomainEvent> batch = new ArrayList<>();
        Map<UUID, List<String>> devices = new LinkedHashMap<>();
        for (int o = 0; o < ORGANIZATIONS; o++) {
            UUID org = Fixtures.organization("pg-out-" + o, "pg-out-" + o, "pg-out-pw", "DIGEST");
            batch.add(orgEvent(EventType.ORGANIZATION_CREATED, org, "pg-out-" + o));
            List<String> macs = new ArrayList<>();
            for (int d = 0; d < DEVICES; d++) {
                String mac = String.format("001565d%d%04d", o, d + 1);
                Fixtures.device(mac, org, "T46U", "desk", 1);
                batch.add(deviceEvent(EventType.DEVICE_CREATED, mac, org));
                macs.add(mac);
            }
            devices.put(org, macs);
        }
        double internalRetries = metric("voipconfig.rps.retries", "cause", "internal");
        double deadLettered = registry.find("voipconfig.rps.dead.lettered").counters().stream()
                .mapToDouble(c -> c.count()).sum();

        faults("{\"holdAnswers\":true}"); // RPS does the first call of the batch and keeps its answer back
        try {
            publish(batch.toArray(DomainEvent[]::new));
            await("the batch's first call at RPS", () -> serversAtRps(devices) == 1);
            outage.begin();
        } finally {
            faults("{}");
        }
        try {
            // The answer arrives with the database away: it cannot be recorded, nor can the failure. More attempts
            // than an event's RPS budget — where the consumer used to give the batch up.
            await("attempts while the database is away",
                    () -> metric("voipconfig.rps.retries", "cause", "internal") >= internalRetries
                            + config.sync().maxAttempts() + 1);
            assertThat(registry.find("voipconfig.rps.consumer.holding").gauge().value()).isEqualTo(1.0);
            assertThat(serversAtRps(devices)).as("nothing after the first call has been done yet").isEqualTo(1);
        } finally {
            outage.end();
        }

        for (UUID org : devices.keySet()) {
            String server = specs.serverName(org);
            await("the devices of " + server + " at RPS", () -> on(server).keySet().containsAll(devices.get(org)));
        }
        await("every state SYNCED", () -> synced(devices) == ORGANIZATIONS * (DEVICES + 1));
        await("the consumer no longer holding",
                () -> registry.find("voipconfig.rps.consumer.holding").gauge().value() == 0.0);
        assertThat(registry.find("voipconfig.rps.dead.lettered").counters().stream().mapToDouble(c -> c.count())
                .sum()).as("nothing dead-lettered").isEqualTo(deadLettered);
    }

    /** How many of these organizations have their server at RPS. */
    long serversAtRps(Map<UUID, List<String>> devices) throws Exception {
        String servers = simState().get("servers").toString();
        return devices.keySet().stream().filter(org -> servers.contains(specs.serverName(org))).count();
    }

    /** Servers and devices of these organizations whose mirror state is SYNCED. */
    static long synced(Map<UUID, List<String>> devices) throws Exception {
        long n = 0;
        try (Connection c = Fixtures.owner()) {
            for (var e : devices.entrySet()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT count(*) FROM rps_server_state"
                        + " WHERE organization_id = ? AND status = 'SYNCED') + (SELECT count(*) FROM rps_device_state"
                        + " WHERE mac = ANY(?) AND status = 'SYNCED')")) {
                    ps.setObject(1, e.getKey());
                    ps.setArray(2, c.createArrayOf("text", e.getValue().toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        n += rs.getLong(1);
                    }
                }
            }
        }
        return n;
    }
}
