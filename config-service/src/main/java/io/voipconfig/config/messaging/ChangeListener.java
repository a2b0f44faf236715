package io.voipconfig.config.messaging;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.phone.PhoneDirectory;
import io.voipconfig.common.phoneservice.ChangeEvents;
import io.voipconfig.config.service.ConfigFiles;

/**
 * Drops cached lookups and rendered files when the inventory or settings change. Every replica reads every event (a
 * consumer group of its own), so each one's cache follows the database within the Kafka delivery delay.
 */
@ApplicationScoped
public class ChangeListener {

    private final PhoneDirectory directory;
    private final ConfigFiles files;

    public ChangeListener(PhoneDirectory directory, ConfigFiles files) {
        this.directory = directory;
        this.files = files;
    }

    @Incoming("changes")
    public void onChange(String json) {
        Optional<DomainEvent> read = ChangeEvents.invalidate(json, directory);
        if (read.isEmpty()) {
            files.invalidateAll();
            return;
        }
        DomainEvent event = read.get();
        files.invalidateOrganization(UUID.fromString(event.organizationId()));
        if (event.type().aggregateType() == EventType.AggregateType.DEVICE) {
            MacAddress.tryParse(event.aggregateId()).ifPresent(mac -> files.invalidateDevice(mac.value()));
        }
    }
}
