package io.voipconfig.portal.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventJson;
import io.voipconfig.common.event.EventType;
import io.voipconfig.portal.messaging.OutboxRelay;

/**
 * Records a domain event in the outbox table, inside the caller's transaction: the change and its event commit
 * together or not at all. {@link OutboxRelay} publishes it afterwards.
 */
@ApplicationScoped
public class Outbox {

    private final OutboxRelay relay;

    public Outbox(OutboxRelay relay) {
        this.relay = relay;
    }

    private static final String INSERT = "INSERT INTO outbox (event_id, topic, message_key, event_type,"
            + " aggregate_id, aggregate_version, payload) VALUES ($1, $2, $3, $4, $5, $6, $7)";

    public static DomainEvent event(EventType type, String aggregateId, UUID organizationId, long version,
            Object state) {
        JsonNode node = state == null ? null : EventJson.mapper().valueToTree(state);
        return new DomainEvent(UUID.randomUUID(), type, aggregateId, organizationId.toString(), version,
                Instant.now(), node);
    }

    public Uni<DomainEvent> append(SqlConnection tx, EventType type, String aggregateId, UUID organizationId,
            long version, Object state) {
        DomainEvent event = event(type, aggregateId, organizationId, version, state);
        return tx.preparedQuery(INSERT).execute(row(event)).replaceWith(event);
    }

    /** A deletion event; its version is drawn from the platform-wide sequence, above every earlier version. */
    public Uni<DomainEvent> appendDeletion(SqlConnection tx, EventType type, String aggregateId, UUID organizationId) {
        return tx.query("SELECT nextval('aggregate_version_seq')").execute()
                .flatMap(rows -> append(tx, type, aggregateId, organizationId, rows.iterator().next().getLong(0),
                        null));
    }

    /** Many events in one round trip, in list order (bulk imports). */
    public Uni<Void> appendAll(SqlConnection tx, List<DomainEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(INSERT).executeBatch(events.stream().map(Outbox::row).toList()).replaceWithVoid();
    }

    private static Tuple row(DomainEvent e) {
        return Sql.args(e.eventId(), e.type().topic(), e.organizationId(), e.type().wireName(), e.aggregateId(),
                e.version(), new JsonObject(EventJson.toJson(e)));
    }

    /** Call after the transaction committed: the relay publishes now instead of at its next poll. */
    public void committed() {
        relay.wake();
    }
}
