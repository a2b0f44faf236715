package io.voipconfig.media.messaging;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.common.phoneservice.ActivitySender;

/** One activity event per phone request, through the shared {@link ActivitySender}; readiness waits for it. */
@Startup
@ApplicationScoped
public class ActivityPublisher {

    private final ActivitySender sender;

    public ActivityPublisher(MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.sender = new ActivitySender(bootstrapServers, service);
        FunctionCounter.builder("voipconfig.activity.dropped", sender, ActivitySender::dropped)
                .description("Activity events not sent (Kafka unreachable)").register(registry);
    }

    /** Called on the request's event loop: never blocks. */
    public void publish(ProvisioningActivity activity) {
        sender.publish(activity);
    }

    public boolean ready() {
        return sender.ready();
    }

    /** Readiness: a replica takes phone traffic only when its activity events can go out at once. */
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

    @PreDestroy
    void close() {
        sender.close();
    }
}
