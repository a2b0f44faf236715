package io.voipconfig.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one envelope of every domain event (docs/architecture.md, "Events"). Consumers are idempotent: they apply an
 * event only when {@code version} is newer than what they hold for {@code aggregateId}, and remember {@code eventId}.
 *
 * @param eventId unique per event, stable across redelivery
 * @param type what happened
 * @param aggregateId e.g. organization id, device MAC (canonical), phonebook id
 * @param organizationId the owning organization; also the Kafka record key
 * @param version per-aggregate, strictly increasing
 * @param time when the change committed
 * @param state the full new state of the aggregate (null for deletions); secrets only encrypted
 * @param partnerId the organization's partner; null in events written before partners (consumers that do not need
 *        it ignore it)
 */
public record DomainEvent(
        UUID eventId,
        EventType type,
        String aggregateId,
        String organizationId,
        long version,
        Instant time,
        JsonNode state,
        @JsonInclude(JsonInclude.Include.NON_NULL) String partnerId) {

    /** An event without a partner: what publishers wrote before partners, and tests that do not care. */
    public DomainEvent(UUID eventId, EventType type, String aggregateId, String organizationId, long version,
            Instant time, JsonNode state) {
        this(eventId, type, aggregateId, organizationId, version, time, state, null);
    }

    public DomainEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(time, "time");
        if (state != null && state.isNull()) {
            state = null; // JSON null and a missing state mean the same: one representation
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1");
        }
    }

    /** Typed view of {@link #state()}. */
    public <T> T stateAs(Class<T> type) {
        return state == null || state.isNull() ? null : EventJson.mapper().convertValue(state, type);
    }
}
