package io.voipconfig.common.event;

import java.util.HashMap;
import java.util.Map;

/**
 * The consumer side of at-least-once delivery: an event is applied only when its version is newer than the last one
 * applied to the same aggregate. A redelivered event (same id, same version) and an older event arriving late both
 * change nothing. Kept in memory; a consumer with durable state keeps the same number in its own table.
 */
public final class AppliedVersions {

    private final Map<String, Long> applied = new HashMap<>();

    /** @return true when {@code event} is new and should be applied (and is now recorded as applied) */
    public synchronized boolean shouldApply(DomainEvent event) {
        String key = event.type().aggregateType() + "/" + event.aggregateId();
        Long last = applied.get(key);
        if (last != null && event.version() <= last) {
            return false;
        }
        applied.put(key, event.version());
        return true;
    }
}
