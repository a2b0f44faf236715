package io.voipconfig.phoneservice;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventJson;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.phone.PhoneDirectory;

/**
 * Keeps a phone-facing service's caches in step with the inventory and the settings: every replica reads every event
 * (channel {@code changes}, a consumer group of its own), drops the directory's entries for the event's organization
 * (and device), then tells the service's own caches through a {@link PhoneDataChanged} CDI event.
 */
@ApplicationScoped
public class ChangeListener {

    private static final Logger LOG = Logger.getLogger(ChangeListener.class);

    private final PhoneDirectory directory;
    private final Event<PhoneDataChanged> changed;

    public ChangeListener(PhoneDirectory directory, Event<PhoneDataChanged> changed) {
        this.directory = directory;
        this.changed = changed;
    }

    @Incoming("changes")
    public void onChange(String json) {
        Optional<DomainEvent> event = invalidate(json);
        // Which credentials a phone used concerns its directory entry only: nothing rendered depends on it, and a
        // rotation of a large organization publishes one such event per device.
        if (event.filter(e -> e.type() == EventType.DEVICE_CREDENTIALS_USED).isEmpty()) {
            changed.fire(new PhoneDataChanged(event));
        }
    }

    /** An unreadable event drops everything: better a cold cache than a stale one. */
    private Optional<DomainEvent> invalidate(String json) {
        DomainEvent event;
        UUID org;
        try {
            event = EventJson.fromJson(json, DomainEvent.class);
            org = UUID.fromString(event.organizationId());
        } catch (IllegalArgumentException e) {
            LOG.warnf("ignoring an unreadable change event: %s", e.getMessage());
            directory.invalidateAll();
            return Optional.empty();
        }
        LOG.debugf("change event %s %s v%d of organization %s: dropping cached entries", event.type().wireName(),
                event.aggregateId(), event.version(), org);
        if (event.type() != EventType.DEVICE_CREDENTIALS_USED) {
            directory.invalidateOrganization(org);
        }
        if (event.type().aggregateType() == EventType.AggregateType.DEVICE) {
            MacAddress.tryParse(event.aggregateId()).ifPresent(directory::invalidateDevice);
        }
        return Optional.of(event);
    }

    /**
     * Fired after the directory dropped what an event concerns, for caches beyond it.
     *
     * @param event the event; empty when it could not be read (then forget everything)
     */
    public record PhoneDataChanged(Optional<DomainEvent> event) {

        public Optional<UUID> organizationId() {
            return event.map(e -> UUID.fromString(e.organizationId()));
        }

        /** The device the event concerns, if it is a device event. */
        public Optional<MacAddress> device() {
            return event.filter(e -> e.type().aggregateType() == EventType.AggregateType.DEVICE)
                    .flatMap(e -> MacAddress.tryParse(e.aggregateId()));
        }
    }
}
