package io.voipconfig.testsupport.phone;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.microprofile.config.ConfigProvider;

import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventJson;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.event.ProvisioningActivity;

/** Reads activity events back from the real broker and publishes change events as portal-api's relay would. */
public final class KafkaProbe {

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    public static Optional<ProvisioningActivity> awaitActivity(Predicate<ProvisioningActivity> match,
            Duration timeout) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap(), "group.id",
                "probe-" + UUID.randomUUID(), "auto.offset.reset", "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("voipconfig.activity"));
            return Optional.of(Awaitility.await("a matching activity").atMost(timeout).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ZERO).pollInSameThread()
                    .until(() -> {
                        for (var r : consumer.poll(Duration.ofMillis(250))) {
                            ProvisioningActivity a = EventJson.fromJson(r.value(), ProvisioningActivity.class);
                            if (match.test(a)) {
                                return a;
                            }
                        }
                        return null;
                    }, Objects::nonNull));
        } catch (ConditionTimeoutException e) {
            return Optional.empty();
        }
    }

    /**
     * The matching activity events, read until the requests they stand for (a folded event stands for several) reach
     * {@code requests}; empty when they did not within {@code timeout}.
     */
    public static List<ProvisioningActivity> awaitRequests(Predicate<ProvisioningActivity> match, int requests,
            Duration timeout) {
        List<ProvisioningActivity> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap(), "group.id",
                "probe-" + UUID.randomUUID(), "auto.offset.reset", "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("voipconfig.activity"));
            Awaitility.await(requests + " requests' activity").atMost(timeout).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ZERO).pollInSameThread().until(() -> {
                        for (var r : consumer.poll(Duration.ofMillis(250))) {
                            ProvisioningActivity a = EventJson.fromJson(r.value(), ProvisioningActivity.class);
                            if (match.test(a)) {
                                seen.add(a);
                            }
                        }
                        return seen.stream().mapToInt(ProvisioningActivity::requests).sum() >= requests;
                    });
            return seen;
        } catch (ConditionTimeoutException e) {
            return List.of();
        }
    }

    public static void publishChange(EventType type, String aggregateId, UUID org, long version) throws Exception {
        DomainEvent e = new DomainEvent(UUID.randomUUID(), type, aggregateId, org.toString(), version, Instant.now(),
                null);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(type.topic(), org.toString(), EventJson.toJson(e))).get();
        }
    }
}
