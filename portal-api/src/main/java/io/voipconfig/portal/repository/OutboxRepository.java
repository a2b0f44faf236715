package io.voipconfig.portal.repository;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventJson;
import io.voipconfig.portal.model.OutboxEntry;

/** The outbox table: one event in the current Hibernate transaction, or many in a bulk SQL transaction. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEntry, Long> {

    private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {
    };
    private static final String INSERT = "INSERT INTO outbox (event_id, topic, message_key, event_type,"
            + " aggregate_id, aggregate_version, payload) VALUES ($1, $2, $3, $4, $5, $6, $7)";

    public Uni<DomainEvent> append(DomainEvent event) {
        OutboxEntry entry = new OutboxEntry();
        entry.eventId = event.eventId();
        entry.topic = event.type().topic();
        entry.messageKey = event.organizationId();
        entry.eventType = event.type().wireName();
        entry.aggregateId = event.aggregateId();
        entry.aggregateVersion = event.version();
        entry.payload = EventJson.fromJson(EventJson.toJson(event), TREE);
        return persist(entry).replaceWith(event);
    }

    /**
     * Many events in one round trip (an import, an organization's deletion with a device.deleted per device), on the
     * reactive SQL client: Hibernate writes identity-keyed rows one statement each, 100,000 events 100,000 round trips.
     */
    public Uni<Void> appendAll(SqlConnection tx, List<DomainEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = events.stream().map(e -> Tuple.from(List.of(e.eventId(), e.type().topic(),
                e.organizationId(), e.type().wireName(), e.aggregateId(), e.version(),
                new JsonObject(EventJson.toJson(e))))).toList();
        return tx.preparedQuery(INSERT).executeBatch(rows).replaceWithVoid();
    }
}
