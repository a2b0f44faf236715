package io.voipconfig.config.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.voipconfig.common.event.EventJson;
import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.common.event.Topics;

/**
 * Sends one activity event per phone request to {@code voipconfig.activity}, never delaying the phone: the request
 * thread only offers the event to a bounded queue; one sender thread serializes it and hands it to a plain
 * {@link KafkaProducer} (idempotent, {@code acks=all}, batched), which may wait there for metadata after start or an
 * idle spell. A plain producer rather than a reactive-messaging emitter: on the hot path of a reboot storm the emitter's
 * layers cost more than the producer (docs/benchmarks.md). Only if the queue is full (Kafka unreachable for long) are
 * events dropped, and counted ({@code voipconfig_activity_dropped_total}).
 */
@Startup
@ApplicationScoped
public class ActivityPublisher {

    private static final Logger LOG = Logger.getLogger(ActivityPublisher.class);
    private static final int QUEUE = 100_000;

    private final KafkaProducer<String, String> producer;
    private final BlockingQueue<ProvisioningActivity> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Counter dropped;
    private final Thread sender;
    private volatile boolean running = true;

    public ActivityPublisher(MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "client.id",
                service + "-activity", "acks", "all", "enable.idempotence", "true", "linger.ms", "20", "batch.size",
                "262144", "max.block.ms", "10000"), new StringSerializer(), new StringSerializer());
        this.dropped = Counter.builder("voipconfig.activity.dropped")
                .description("Activity events not sent (Kafka unreachable for long)").register(registry);
        registry.gaugeCollectionSize("voipconfig.activity.queued", java.util.List.of(), queue);
        this.sender = new Thread(this::run, service + "-activity-sender");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /** Called on the request's event loop: never blocks. */
    public void publish(ProvisioningActivity activity) {
        if (!queue.offer(activity)) {
            dropped.increment();
        }
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            try {
                ProvisioningActivity a = queue.poll(200, TimeUnit.MILLISECONDS);
                if (a == null) {
                    continue;
                }
                String key = a.organizationId() != null ? a.organizationId() : "unknown";
                producer.send(new ProducerRecord<>(Topics.ACTIVITY, key, EventJson.toJson(a)), (meta, error) -> {
                    if (error != null) {
                        dropped.increment();
                        LOG.debugf("activity event not sent: %s", error.getMessage());
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) { // e.g. no metadata within max.block.ms: that event is lost, not the rest
                dropped.increment();
                LOG.debugf("activity event dropped: %s", e.getMessage());
            }
        }
    }

    @PreDestroy
    void close() {
        running = false;
        try {
            sender.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
