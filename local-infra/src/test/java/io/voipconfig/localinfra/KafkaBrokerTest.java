package io.voipconfig.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventJson;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.event.Topics;

class KafkaBrokerTest {

    @Test
    void anEventTravelsThroughARealBrokerInItsJsonForm() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.startEphemeral()) {
            DomainEvent event = new DomainEvent(UUID.randomUUID(), EventType.ORGANIZATION_CREATED, "org-1", "org-1", 1,
                    Instant.parse("2026-11-23T00:00:00Z"), null);
            Map<String, Object> common = Map.of("bootstrap.servers", kafka.bootstrapServers());
            try (var producer = new KafkaProducer<>(merge(common, Map.of("acks", "all", "enable.idempotence", "true")),
                    new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topics.INVENTORY, "org-1", EventJson.toBytes(event))).get();
            }
            try (var consumer = new KafkaConsumer<>(merge(common, Map.of("group.id", "t", "auto.offset.reset",
                    "earliest")), new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Topics.INVENTORY));
                ConsumerRecord<String, byte[]> received;
                try {
                    received = Awaitility.await("a record").atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                            .pollInterval(Duration.ZERO).pollInSameThread()
                            .until(() -> {
                                ConsumerRecord<String, byte[]> last = null;
                                for (var r : consumer.poll(Duration.ofMillis(500))) {
                                    last = r;
                                }
                                return last;
                            }, Objects::nonNull);
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError("no record on " + Topics.INVENTORY + " within 30 s", e);
                }
                assertThat(received.key()).isEqualTo("org-1");
                assertThat(EventJson.fromJson(received.value(), DomainEvent.class)).isEqualTo(event);
            }
        }
    }

    private static Map<String, Object> merge(Map<String, Object> a, Map<String, Object> b) {
        var m = new HashMap<>(a);
        m.putAll(b);
        return m;
    }
}
