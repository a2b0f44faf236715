package io.voipconfig.config.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.voipconfig.phoneservice.ActivityPublisher;

/**
 * The activity producer (phone-service-kit) connects as the channels do: on Kubernetes the service's Kafka user's
 * SASL settings come in as {@code kafka.*} and must reach it; what is not a producer setting stays out.
 */
class ActivityPublisherSettingsTest {

    @Test
    void theActivityProducerTakesTheConnectionAndSaslSettingsOfKafkaStar() {
        Map<String, Object> settings = ActivityPublisher.settings(Map.of("bootstrap.servers", "kafka:9092",
                "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
                "group.id", "config-service", "max.block.ms", "60000"), "config-service");
        assertThat(settings).containsEntry("bootstrap.servers", "kafka:9092")
                .containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsKey("sasl.jaas.config").containsEntry("client.id", "config-service-activity")
                .doesNotContainKey("group.id");
        assertThat(settings.get("max.block.ms")).as("never blocking a phone wins").isEqualTo("0");
    }
}
