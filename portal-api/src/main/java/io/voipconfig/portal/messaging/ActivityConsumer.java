package io.voipconfig.portal.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.voipconfig.common.event.EventJson;
import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.portal.service.ActivityService;

/**
 * Stores the phone-facing services' activity events in batches. One consumer group for all replicas: each event is
 * stored by one of them; a redelivery after a crash is harmless (the event id is the key).
 */
@ApplicationScoped
public class ActivityConsumer {

    private static final Logger LOG = Logger.getLogger(ActivityConsumer.class);

    private final ActivityService activity;

    public ActivityConsumer(ActivityService activity) {
        this.activity = activity;
    }

    @Incoming("activity")
    public Uni<Void> store(List<String> batch) {
        List<ProvisioningActivity> events = new ArrayList<>(batch.size());
        for (String json : batch) {
            try {
                events.add(EventJson.fromJson(json, ProvisioningActivity.class));
            } catch (IllegalArgumentException e) {
                LOG.warnf("skipping an unreadable activity event: %s", e.getMessage());
            }
        }
        events.removeIf(e -> e.eventId() == null || e.time() == null || e.outcome() == null);
        // The offsets are committed only after the batch is stored; a database outage holds the batch and retries.
        return activity.store(events)
                .onFailure().invoke(e -> LOG.warnf("storing %d activity events failed, retrying: %s", events.size(),
                        e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .replaceWithVoid();
    }
}
