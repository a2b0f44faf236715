package io.voipconfig.config.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventJson;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.phone.PhoneDirectory;
import io.voipconfig.config.service.ConfigFiles;

/**
 * Drops cached lookups and rendered files when the inventory or settings change. Every replica reads every event (a
 * consumer group of its own), so each one's cache follows the database within the Kafka delivery delay.
 */
@ApplicationScoped
public class ChangeListener {

    private static final Logger LOG = Logger.getLogger(ChangeListener.class);

    private final PhoneDirectory directory;
    private final ConfigFiles files;

    public ChangeListener(PhoneDirectory directory, ConfigFiles files) {
        this.directory = directory;
        this.files = files;
    }

    @Incoming("changes")
    public void onChange(String json) {
        DomainEvent event;
        try {
            event = EventJson.fromJson(json, DomainEvent.class);
        } catch (IllegalArgumentException e) {
            LOG.warnf("ignoring an unreadable change event: %s", e.getMessage());
            // Unknown shape: forget everything rather than serve something stale.
            directory.invalidateAll();
            files.invalidateAll();
            return;
        }
        UUID org;
        try {
            org = UUID.fromString(event.organizationId());
        } catch (IllegalArgumentException e) {
            directory.invalidateAll();
            files.invalidateAll();
            return;
        }
        LOG.debugf("change event %s %s v%d of organization %s: dropping cached entries", event.type().wireName(),
                event.aggregateId(), event.version(), org);
        directory.invalidateOrganization(org);
        files.invalidateOrganization(org);
        if (event.type().aggregateType() == EventType.AggregateType.DEVICE) {
            MacAddress.tryParse(event.aggregateId()).ifPresent(mac -> {
                directory.invalidateDevice(mac);
                files.invalidateDevice(mac.value());
            });
        }
    }
}
