package io.voipconfig.media.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.voipconfig.common.phone.PhoneDirectory;
import io.voipconfig.common.phoneservice.ChangeEvents;

/**
 * Keeps the cached organizations and devices in step with the inventory. Media need no event: they are cached under
 * their version, which every request reads.
 */
@ApplicationScoped
public class ChangeListener {

    private final PhoneDirectory directory;

    public ChangeListener(PhoneDirectory directory) {
        this.directory = directory;
    }

    @Incoming("changes")
    public void onChange(String json) {
        ChangeEvents.invalidate(json, directory);
    }
}
