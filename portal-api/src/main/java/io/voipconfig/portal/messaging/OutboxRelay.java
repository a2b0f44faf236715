package io.voipconfig.portal.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka, in commit-safe order, at least once.
 *
 * <p>One relay publishes at a time across all replicas (a transaction-scoped advisory lock), reading unpublished
 * rows in id order, sending them with an idempotent {@code acks=all} producer, waiting for every acknowledgement and
 * only then marking them published in the same transaction. A crash between the send and the mark publishes the
 * batch again after restart; consumers dedupe by event id and aggregate version. A row committed late with a lower
 * id than rows already published is still picked up: the query is by "not published", not by a high-water mark.
 *
 * <p>Runs on its own thread with plain JDBC: it is a background loop, never on a request path.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** {@code pg_try_advisory_xact_lock} key: "voipconfig outbox relay". */
    static final long LOCK_KEY = 0x766f_6970_6f75_7462L;

    private final DataSource dataSource;
    private final Producer<String, String> producer;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration retention;
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile Instant lastSuccess = Instant.EPOCH;
    private volatile Instant lastFailure = Instant.EPOCH;
    private volatile boolean running;
    private Thread thread;
    private Instant nextCleanup = Instant.EPOCH;

    public OutboxRelay(DataSource dataSource, Producer<String, String> producer, int batchSize,
            Duration pollInterval, Duration retention) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.retention = retention;
    }

    /**
     * The producer settings of docs/architecture.md, "Events": idempotent, {@code acks=all}, ordered per key; connected
     * as the service's channels are, with the producer settings among {@code kafka.*} ({@code connection}: the
     * bootstrap servers, and on Kubernetes the SASL settings of portal-api's Kafka user).
     */
    public static Producer<String, String> producer(Map<String, Object> connection, String clientId) {
        return new KafkaProducer<>(settings(connection, clientId));
    }

    /** {@link #producer}'s settings. */
    static Map<String, Object> settings(Map<String, Object> connection, String clientId) {
        Map<String, Object> settings = new HashMap<>();
        connection.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) {
                settings.put(key, value);
            }
        });
        settings.putAll(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        return settings;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** Publish now rather than at the next poll (called after a transaction with events committed). */
    public void wake() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    private void loop() {
        long backoffMs = 200;
        while (running) {
            try {
                int n = publishBatch();
                backoffMs = 200;
                cleanUpIfDue();
                if (n < batchSize) {
                    wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures.incrementAndGet();
                lastFailure = Instant.now();
                if (!running) {
                    return;
                }
                LOG.warnf("outbox relay: publishing failed, retrying in %d ms: %s", backoffMs, e.toString());
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMs = Math.min(backoffMs * 2, 30_000);
            }
        }
    }

    /**
     * Publishes up to one batch.
     *
     * @return the number of events published (0 also when another replica holds the relay lock)
     */
    public int publishBatch() throws SQLException, InterruptedException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int n = publishBatch(c);
                c.commit();
                if (n > 0) {
                    published.addAndGet(n);
                }
                lastSuccess = Instant.now();
                return n;
            } catch (SQLException | RuntimeException | InterruptedException e) {
                try {
                    c.rollback();
                } catch (SQLException lost) {
                    e.addSuppressed(lost); // the connection is gone; so is the transaction
                }
                throw e;
            }
        }
    }

    private int publishBatch(Connection c) throws SQLException, InterruptedException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            }
        }
        List<Long> ids = new ArrayList<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, topic, message_key, payload::text FROM outbox"
                + " WHERE published_at IS NULL ORDER BY id LIMIT ?")) {
            ps.setInt(1, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    sends.add(producer.send(new ProducerRecord<>(rs.getString(2), rs.getString(3), rs.getString(4))));
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        producer.flush();
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Kafka did not acknowledge an event: " + e.getMessage(), e);
            }
        }
        try (PreparedStatement mark = c.prepareStatement("UPDATE outbox SET published_at = now() WHERE id = ANY(?)")) {
            mark.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            mark.executeUpdate();
        }
        LOG.debugf("outbox relay: published %d events (ids %d..%d)", ids.size(), ids.get(0), ids.get(ids.size() - 1));
        return ids.size();
    }

    private void cleanUpIfDue() throws SQLException {
        Instant now = Instant.now();
        if (now.isBefore(nextCleanup)) {
            return;
        }
        nextCleanup = now.plus(Duration.ofHours(1));
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM outbox WHERE published_at < now() - make_interval(secs => ?)")) {
            ps.setDouble(1, retention.toSeconds());
            int n = ps.executeUpdate();
            if (n > 0) {
                LOG.infof("outbox relay: removed %d events published more than %s ago", n, retention);
            }
        }
    }

    public long published() {
        return published.get();
    }

    public long failures() {
        return failures.get();
    }

    /** True unless the last attempt failed. */
    public boolean healthy() {
        return !lastFailure.isAfter(lastSuccess);
    }

    @Override
    public void close() {
        synchronized (this) {
            running = false;
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(5));
    }
}
