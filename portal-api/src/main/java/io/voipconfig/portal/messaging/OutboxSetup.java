package io.voipconfig.portal.messaging;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.voipconfig.portal.config.PortalConfig;

/** Creates the outbox relay from configuration and runs it for the life of the application. */
@ApplicationScoped
public class OutboxSetup {

    @Produces
    @Singleton
    OutboxRelay relay(AgroalDataSource dataSource, PortalConfig config, MeterRegistry registry,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "quarkus.uuid") String instance) {
        PortalConfig.Outbox outbox = config.outbox();
        OutboxRelay relay = new OutboxRelay(dataSource,
                OutboxRelay.producer(kafka, "portal-api-outbox-" + instance), outbox.batchSize(),
                outbox.pollInterval(), outbox.retention());
        FunctionCounter.builder("voipconfig.outbox.published", relay, OutboxRelay::published)
                .description("Domain events published to Kafka by this replica").register(registry);
        FunctionCounter.builder("voipconfig.outbox.failures", relay, OutboxRelay::failures)
                .description("Failed publishing attempts (retried)").register(registry);
        return relay;
    }

    void close(@Disposes OutboxRelay relay) {
        relay.close();
    }

    void start(@Observes StartupEvent event, OutboxRelay relay, PortalConfig config) {
        if (config.outbox().relayEnabled()) {
            relay.start();
        }
    }

    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck relayHealth(OutboxRelay relay) {
        return () -> HealthCheckResponse.named("Outbox relay").status(relay.healthy())
                .withData("published", relay.published()).withData("failures", relay.failures()).build();
    }
}
