package io.voipconfig.config.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.voipconfig.common.event.EventJson;
import io.voipconfig.common.event.ProvisioningActivity;

/**
 * Sends one activity event per phone request to {@code voipconfig.activity}, after the response, never delaying it.
 * If Kafka falls far behind, events beyond the buffer are dropped and counted
 * ({@code voipconfig_activity_dropped_total}) rather than slowing phones down.
 */
@ApplicationScoped
public class ActivityPublisher {

    private static final Logger LOG = Logger.getLogger(ActivityPublisher.class);

    @Inject
    @Channel("activity")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000)
    Emitter<String> emitter;

    private final Counter dropped;

    public ActivityPublisher(MeterRegistry registry) {
        this.dropped = Counter.builder("voipconfig.activity.dropped")
                .description("Activity events not sent because the Kafka buffer was full").register(registry);
    }

    public void publish(ProvisioningActivity activity) {
        String key = activity.organizationId() != null ? activity.organizationId() : "unknown";
        try {
            emitter.send(Message.of(EventJson.toJson(activity))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()));
        } catch (RuntimeException e) {
            dropped.increment();
            LOG.debugf("activity event dropped: %s", e.getMessage());
        }
    }
}
