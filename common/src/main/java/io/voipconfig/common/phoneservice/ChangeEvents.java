package io.voipconfig.common.phoneservice;

import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventJson;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.phone.PhoneDirectory;

/** What a phone-facing service does with an inventory or change event: forget what it cached about it. */
public final class ChangeEvents {

    private static final Logger LOG = Logger.getLogger(ChangeEvents.class);

    private ChangeEvents() {
    }

    /**
     * Drops the directory's entries for the event's organization (and device). An unreadable event drops everything:
     * better a cold cache than a stale one.
     *
     * @return the event, empty when it could not be read (the caller should then forget everything it caches)
     */
    public static Optional<DomainEvent> invalidate(String json, PhoneDirectory directory) {
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
        directory.invalidateOrganization(org);
        if (event.type().aggregateType() == EventType.AggregateType.DEVICE) {
            MacAddress.tryParse(event.aggregateId()).ifPresent(directory::invalidateDevice);
        }
        return Optional.of(event);
    }
}
