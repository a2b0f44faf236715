package io.voipconfig.config.messaging;

import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.voipconfig.common.event.EventJson;
import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.common.event.Topics;

/**
 * Sends one activity event per phone request to {@code voipconfig.activity}, after the response, never delaying it.
 *
 * <p>A plain {@link KafkaProducer} rather than a reactive-messaging emitter: {@code send} only appends to a batch, and
 * on the hot path of a reboot storm the emitter's layers cost more than the producer itself (see docs/benchmarks.md).
 * Idempotent producer, {@code acks=all}, batched. If the broker is unreachable and the buffer fills, events are dropped
 * and counted ({@code voipconfig_activity_dropped_total}) instead of blocking phones.
 */
@ApplicationScoped
public class ActivityPublisher {

    private static final Logger LOG = Logger.getLogger(ActivityPublisher.class);

    private final KafkaProducer<String, String> producer;
    private final Counter dropped;

    public ActivityPublisher(MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "client.id",
                service + "-activity", "acks", "all", "enable.idempotence", "true", "linger.ms", "20", "batch.size",
                "262144", "max.block.ms", "0", "buffer.memory", "67108864"), new StringSerializer(),
                new StringSerializer());
        this.dropped = Counter.builder("voipconfig.activity.dropped")
                .description("Activity events not sent (Kafka unreachable or too far behind)").register(registry);
    }

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

    @PreDestroy
    void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
