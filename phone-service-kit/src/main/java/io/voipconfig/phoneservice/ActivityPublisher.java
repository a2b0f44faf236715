package io.voipconfig.phoneservice;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import io.voipconfig.common.event.EventJson;
import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.common.event.Topics;

/**
 * Sends the activity of phone requests to {@code voipconfig.activity}, after the response, never delaying it: the
 * first request of a kind in a window as its own event, its repeats within {@code voipconfig.activity.coalesce-window}
 * as one event with their count when the window ends ({@link ActivityCoalescer}; a window of 0 sends every request
 * as its own event).
 *
 * <p>A plain {@link KafkaProducer} (idempotent, {@code acks=all}, batched) called on the event loop, rather than a
 * reactive-messaging emitter or a hand-off queue: on the hot path of a reboot storm both cost more than the producer
 * itself (docs/benchmarks.md). {@code send} only appends to a batch and never blocks ({@code max.block.ms=0}).
 *
 * <p>Kafka is not on the phone path (docs/config-service.md, "When Kafka is away"): the service is ready without it
 * and phones are served through a broker outage. Events wait, bounded, until they can go: while the producer lacks the
 * topic's metadata (a start while the broker is away) in a queue of {@value #PENDING_LIMIT} events, drained as soon as
 * it has it; otherwise in the producer's own buffer ({@code buffer.memory}, 32 MiB, tens of thousands of events) for up
 * to {@code delivery.timeout.ms} (10 minutes). The metadata is kept through an outage
 * ({@code metadata.recovery.strategy=none}: Kafka 4's default re-bootstrap would forget it, and every send would fail
 * at once). What overflows or expires is dropped and counted
 * ({@code voipconfig.activity.dropped}); activity is a record of what phones did, never what serving them needs.
 *
 * <p>It connects as the service's channels do: the producer settings among {@code kafka.*} (bootstrap servers, and on
 * Kubernetes {@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config} of the service's Kafka user).
 */
@Startup
@ApplicationScoped
public class ActivityPublisher {

    private static final Logger LOG = Logger.getLogger(ActivityPublisher.class);
    static final int PENDING_LIMIT = 10_000;
    private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(10);

    private final KafkaProducer<String, String> producer;
    private final LongAdder dropped = new LongAdder();
    /** Events published before the producer had the topic's metadata; guarded by itself. */
    private final ArrayDeque<ProducerRecord<String, String>> pending = new ArrayDeque<>();
    private volatile boolean metadataReady;
    private final AtomicBoolean warmingUp = new AtomicBoolean();
    private final String service;
    private final ActivityCoalescer coalescer;
    private final LongAdder folded = new LongAdder();
    private final ScheduledExecutorService windows;

    public ActivityPublisher(MeterRegistry registry,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "quarkus.application.name") String service, PhoneServiceConfig config) {
        this.producer = new KafkaProducer<>(settings(kafka, service), new StringSerializer(), new StringSerializer());
        this.service = service;
        Duration window = config.activity().coalesceWindow();
        this.coalescer = window.isZero() ? null : new ActivityCoalescer(config.activity().coalesceMaxKinds());
        if (coalescer != null) {
            windows = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, service + "-activity-windows");
                t.setDaemon(true);
                return t;
            });
            windows.scheduleAtFixedRate(this::endWindow, window.toMillis(), window.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            windows = null;
        }
        warmUp();
        FunctionCounter.builder("voipconfig.activity.dropped", dropped, LongAdder::sum)
                .description("Activity events not sent (Kafka unreachable too long, or the buffer full)")
                .register(registry);
        Gauge.builder("voipconfig.activity.pending", this, ActivityPublisher::pending)
                .description("Activity events waiting for Kafka's first answer").register(registry);
        FunctionCounter.builder("voipconfig.activity.folded", folded, LongAdder::sum)
                .description("Requests counted into another request's activity event (repeats within a window)")
                .register(registry);
    }

    /** The producer's settings: the producer settings among {@code kafka.*}, then its own. */
    public static Map<String, Object> settings(Map<String, Object> kafka, String service) {
        Map<String, Object> settings = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) {
                settings.put(key, value);
            }
        });
        settings.putAll(Map.of("client.id",
                service + "-activity", "acks", "all", "enable.idempotence", "true", "linger.ms", "20", "batch.size",
                "262144", "max.block.ms", "0", "delivery.timeout.ms", Long.toString(DELIVERY_TIMEOUT.toMillis()),
                "metadata.max.idle.ms", Long.toString(Duration.ofDays(365).toMillis()), "metadata.recovery.strategy",
                "none"));
        return settings;
    }

    /** Called on the request's event loop: never blocks. */
    public void publish(ProvisioningActivity activity) {
        if (coalescer == null || coalescer.offer(activity) != null) {
            publishNow(activity);
        } else {
            folded.increment();
        }
    }

    private void endWindow() {
        try {
            coalescer.drain().forEach(this::publishNow);
        } catch (RuntimeException e) { // never let one failure end the schedule
            LOG.warnf("activity window not sent: %s", e.toString());
        }
    }

    private void publishNow(ProvisioningActivity activity) {
        String key = activity.organizationId() != null ? activity.organizationId() : "unknown";
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ACTIVITY, key, EventJson.toJson(activity));
        if (!metadataReady && queue(record)) {
            return;
        }
        send(record);
    }

    /** Keeps the record for the warm-up thread; false when the metadata arrived meanwhile (send it now). */
    private boolean queue(ProducerRecord<String, String> record) {
        synchronized (pending) {
            if (metadataReady) { // checked again: the warm-up thread drains the queue under this lock
                return false;
            }
            if (pending.size() < PENDING_LIMIT) {
                pending.add(record);
            } else {
                dropped.increment();
            }
            return true;
        }
    }

    private void send(ProducerRecord<String, String> record) {
        try {
            producer.send(record, (meta, error) -> {
                if (error != null) {
                    dropped.increment();
                    LOG.debugf("activity event not sent: %s", error.getMessage());
                }
            });
        } catch (TimeoutException e) {
            // The producer lost the topic's metadata: wait for it again instead of dropping.
            metadataReady = false;
            queue(record);
            warmUp();
        } catch (RuntimeException e) {
            dropped.increment();
            LOG.debugf("activity event dropped: %s", e.getMessage());
        }
    }

    private void warmUp() {
        if (warmingUp.compareAndSet(false, true)) {
            Thread warmUp = new Thread(this::fetchMetadata, service + "-activity-metadata");
            warmUp.setDaemon(true);
            warmUp.start();
        }
    }

    /**
     * With max.block.ms=0 each call only asks for the metadata; repeat (for as long as the broker stays away) until
     * the producer has it, then send what waited.
     */
    private void fetchMetadata() {
        long attempts = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (!producer.partitionsFor(Topics.ACTIVITY).isEmpty()) {
                    List<ProducerRecord<String, String>> waiting;
                    synchronized (pending) {
                        metadataReady = true;
                        warmingUp.set(false);
                        waiting = List.copyOf(pending);
                        pending.clear();
                    }
                    waiting.forEach(this::send);
                    return;
                }
            } catch (RuntimeException e) {
                // not yet
            }
            if (++attempts == 600) { // about a minute
                LOG.warn("no metadata for the activity topic yet; is Kafka reachable? Phones are served meanwhile,"
                        + " their activity waits (at most " + PENDING_LIMIT + " events)");
            }
            try {
                Thread.sleep(attempts < 600 ? 100 : 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Events that could not be sent. */
    public long dropped() {
        return dropped.sum();
    }

    int pending() {
        synchronized (pending) {
            return pending.size();
        }
    }

    @PreDestroy
    void close() {
        if (windows != null) {
            windows.shutdownNow();
            endWindow(); // the repeats counted so far
        }
        producer.close(Duration.ofSeconds(5));
    }
}
