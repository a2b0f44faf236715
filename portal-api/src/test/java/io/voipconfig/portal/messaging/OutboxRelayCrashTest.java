package io.voipconfig.portal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

import io.voipconfig.common.event.AppliedVersions;
import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventJson;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.event.Topics;
import io.voipconfig.portal.model.Organization;
import io.voipconfig.portal.model.Partner;
import io.voipconfig.portal.service.Outbox;
import io.voipconfig.testsupport.RealInfraResource;

/**
 * The outbox relay against real PostgreSQL and Kafka when the process dies at the two dangerous moments: after the
 * change committed but before anything was published, and after publishing but before the rows were marked. Every
 * committed event reaches Kafka, and a consumer that dedupes by aggregate version applies each exactly once.
 */
class OutboxRelayCrashTest {

    static RealInfraResource infra;
    static String jdbcUrl;
    static String bootstrap;
    static final String OUTBOX_TOPICS = Topics.INVENTORY;

    @BeforeAll
    static void start() {
        infra = new RealInfraResource();
        infra.init(Map.of("migrate", "true"));
        Map<String, String> config = infra.start();
        jdbcUrl = config.get("voipconfig-test.owner-jdbc-url");
        bootstrap = config.get("kafka.bootstrap.servers");
    }

    @AfterAll
    static void stop() {
        infra.stop();
    }

    static DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl);
        return ds;
    }

    /** Commits {@code n} changes of one organization, each with its event, as portal-api's services do. */
    static List<DomainEvent> commitChanges(UUID org, int n) throws SQLException {
        List<DomainEvent> events = new ArrayList<>();
        Organization organization = new Organization();
        organization.id = org;
        organization.partnerId = Partner.DEFAULT_ID;
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            c.setAutoCommit(false);
            for (int i = 0; i < n; i++) {
                DomainEvent e = Outbox.event(EventType.DEVICE_UPDATED, String.format("0015650c%04x", i % 7),
                        organization,
                        1000 + i, Map.of("n", i));
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (event_id, topic, message_key,"
                        + " event_type, aggregate_id, aggregate_version, payload) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)")) {
                    ps.setObject(1, e.eventId());
                    ps.setString(2, e.type().topic());
                    ps.setString(3, e.organizationId());
                    ps.setString(4, e.type().wireName());
                    ps.setString(5, e.aggregateId());
                    ps.setLong(6, e.version());
                    ps.setString(7, EventJson.toJson(e));
                    ps.executeUpdate();
                }
                c.commit();
                events.add(e);
            }
        }
        return events;
    }

    static OutboxRelay relay(DataSource ds) {
        return new OutboxRelay(ds,
                OutboxRelay.producer(Map.of("bootstrap.servers", bootstrap), "test-" + UUID.randomUUID()), 100,
                Duration.ofMillis(50), Duration.ofDays(7));
    }

    /** Every record of {@code org} on the inventory topic, in partition order. */
    static List<DomainEvent> published(UUID org, int atLeast) {
        List<DomainEvent> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap, "group.id",
                "probe-" + UUID.randomUUID(), "auto.offset.reset", "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(OUTBOX_TOPICS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                var records = consumer.poll(Duration.ofMillis(200));
                for (var r : records) {
                    if (r.key().equals(org.toString())) {
                        out.add(EventJson.fromJson(r.value(), DomainEvent.class));
                    }
                }
                if (out.size() >= atLeast && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos(); // late duplicates, if any
                }
            }
        }
        return out;
    }

    static long unpublished() throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT count(*) FROM outbox WHERE published_at IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void diedAfterCommitBeforePublishing_theNextRelayPublishesEverything() throws Exception {
        UUID org = UUID.randomUUID();
        List<DomainEvent> committed = commitChanges(org, 25); // the process that wrote them is gone: no relay ran
        try (OutboxRelay restarted = relay(dataSource())) {
            while (restarted.publishBatch() > 0) {
                // drain
            }
        }
        List<DomainEvent> seen = published(org, 25);
        assertThat(seen).extracting(DomainEvent::eventId)
                .containsExactlyElementsOf(committed.stream().map(DomainEvent::eventId).toList());
        assertThat(unpublished()).isZero();
    }

    @Test
    void diedAfterPublishingBeforeMarking_eventsComeTwiceAndAreAppliedOnce() throws Exception {
        UUID org = UUID.randomUUID();
        List<DomainEvent> committed = commitChanges(org, 30);
        // The first relay sends its batch, then its process dies before the UPDATE commits.
        try (OutboxRelay dying = relay(dyingBeforeMark(dataSource()))) {
            try {
                dying.publishBatch();
            } catch (SQLException expected) {
                assertThat(expected.getMessage()).contains("process died");
            }
        }
        assertThat(unpublished()).isGreaterThanOrEqualTo(30);
        try (OutboxRelay restarted = relay(dataSource())) {
            while (restarted.publishBatch() > 0) {
                // drain
            }
        }
        List<DomainEvent> seen = published(org, 60);
        assertThat(seen).as("at least once: the first batch went out twice").hasSize(60);
        AppliedVersions consumer = new AppliedVersions();
        List<DomainEvent> applied = seen.stream().filter(consumer::shouldApply).toList();
        assertThat(applied).extracting(DomainEvent::eventId)
                .containsExactlyElementsOf(committed.stream().map(DomainEvent::eventId).toList());
        assertThat(unpublished()).isZero();
    }

    @Test
    void twoRelaysAtOnceNeverPublishTheSameEventTwice() throws Exception {
        UUID org = UUID.randomUUID();
        List<DomainEvent> committed = commitChanges(org, 400);
        try (OutboxRelay a = relay(dataSource()); OutboxRelay b = relay(dataSource())) {
            CompletableFuture<Void> ra = CompletableFuture.runAsync(() -> drain(a));
            CompletableFuture<Void> rb = CompletableFuture.runAsync(() -> drain(b));
            CompletableFuture.allOf(ra, rb).get();
        }
        List<DomainEvent> seen = published(org, 400);
        assertThat(seen).extracting(DomainEvent::eventId)
                .as("exactly once and in commit order, with one relay holding the lock at a time")
                .containsExactlyElementsOf(committed.stream().map(DomainEvent::eventId).toList());
    }

    private static void drain(OutboxRelay relay) {
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (unpublished() > 0 && System.nanoTime() < deadline) {
                relay.publishBatch();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A data source whose connections drop when the relay tries to mark its batch published. */
    static DataSource dyingBeforeMark(DataSource real) {
        return (DataSource) Proxy.newProxyInstance(OutboxRelayCrashTest.class.getClassLoader(),
                new Class<?>[]{DataSource.class}, (proxy, method, args) -> {
                    Object result = method.invoke(real, args);
                    if (!(result instanceof Connection c)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(OutboxRelayCrashTest.class.getClassLoader(),
                            new Class<?>[]{Connection.class}, (p, m, a) -> {
                                if (m.getName().equals("prepareStatement")
                                        && a[0].toString().startsWith("UPDATE outbox")) {
                                    c.unwrap(PGConnection.class);
                                    c.abort(Runnable::run); // the socket goes away, the transaction with it
                                    throw new SQLException("process died before marking the batch");
                                }
                                try {
                                    return m.invoke(c, a);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                });
    }
}
