package io.voipconfig.portal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The outbox relay's own producer connects as the channels do: on Kubernetes its Kafka user's SASL settings come in as
 * {@code kafka.*} (Quarkus' default-kafka-broker settings, without the prefix) and must reach it; settings that are
 * not a producer's (a consumer's group id, the local run's KAFKA_PORT) stay out.
 */
class KafkaClientSettingsTest {

    @Test
    void theRelayTakesTheConnectionAndSaslSettingsOfKafkaStar() {
        Map<String, Object> settings = OutboxRelay.settings(Map.of("bootstrap.servers", "kafka:9092",
                "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
                "group.id", "portal-api", "port", "9092", "acks", "1"), "relay-1");
        assertThat(settings).containsEntry("bootstrap.servers", "kafka:9092")
                .containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsKey("sasl.jaas.config").containsEntry("client.id", "relay-1")
                .doesNotContainKeys("group.id", "port");
        assertThat(settings.get("acks")).as("the relay's own settings win").isEqualTo("all");
    }
}
