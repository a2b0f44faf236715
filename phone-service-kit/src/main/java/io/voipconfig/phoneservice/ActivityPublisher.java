package io.voipconfig.phoneservice;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.voipconfig.common.event.EventJson;
import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.common.event.Topics;

/**
 * Sends one activity event per phone request to {@code voipconfig.activity}, after the response, never delaying it.
 *
 * <p>A plain {@link KafkaProducer} (idempotent, {@code acks=all}, batched) called on the event loop, rather than a
 * reactive-messaging emitter or a hand-off queue: on the hot path of a reboot storm both cost more than the producer
 * itself (docs/benchmarks.md). {@code send} only appends to a batch and never blocks ({@code max.block.ms=0}); so that
 * it never lacks the topic's metadata, the metadata is fetched at start (the service is not ready before) and kept
 * ({@code metadata.max.idle.ms}), however long phones stay quiet. Should the broker be unreachable long enough to fill
 * the producer's buffer, events are dropped and counted ({@code voipconfig.activity.dropped}). Readiness waits for the
 * metadata: a replica takes phone traffic only when its activity events can go out at once.
 */
@Startup
@ApplicationScoped
public class ActivityPublisher {

    private static final Logger LOG = Logger.getLogger(ActivityPublisher.class);

    private final KafkaProducer<String, String> producer;
    private final LongAdder dropped = new LongAdder();
    private volatile boolean metadataReady;

    public ActivityPublisher(MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "client.id",
                service + "-activity", "acks", "all", "enable.idempotence", "true", "linger.ms", "20", "batch.size",
                "262144", "max.block.ms", "0", "metadata.max.idle.ms", Long.toString(Duration.ofDays(365).toMillis())),
                new StringSerializer(), new StringSerializer());
        Thread warmUp = new Thread(this::fetchMetadata, service + "-activity-metadata");
        warmUp.setDaemon(true);
        warmUp.start();
        FunctionCounter.builder("voipconfig.activity.dropped", dropped, LongAdder::sum)
                .description("Activity events not sent (Kafka unreachable)").register(registry);
    }

    /** Called on the request's event loop: never blocks. */
    public void publish(ProvisioningActivity activity) {
        String key = activity.organizationId() != null ? activity.organizationId() : "unknown";
        try {
            producer.send(new ProducerRecord<>(Topics.ACTIVITY, key, EventJson.toJson(activity)), (meta, error) -> {
                if (error != null) {
                    dropped.increment();
                    LOG.debugf("activity event not sent: %s", error.getMessage());
                }
            });
        } catch (RuntimeException e) {
            dropped.increment();
            LOG.debugf("activity event dropped: %s", e.getMessage());
        }
    }

    /** With max.block.ms=0 each call only asks for the metadata; repeat until the producer has it. */
    private void fetchMetadata() {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (!producer.partitionsFor(Topics.ACTIVITY).isEmpty()) {
                    metadataReady = true;
                    return;
                }
            } catch (RuntimeException e) {
                // not yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.warn("no metadata for the activity topic after 10 minutes; is Kafka reachable?");
    }

    /** True once the producer can send without waiting (readiness). */
    public boolean ready() {
        return metadataReady;
    }

    /** Events that could not be sent. */
    public long dropped() {
        return dropped.sum();
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    @Readiness
    @ApplicationScoped
    static class ActivityReadiness implements HealthCheck {

        private final ActivityPublisher publisher;

        ActivityReadiness(ActivityPublisher publisher) {
            this.publisher = publisher;
        }

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("Activity producer").status(publisher.ready()).build();
        }
    }
}
