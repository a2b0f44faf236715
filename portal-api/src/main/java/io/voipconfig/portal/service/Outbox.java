package io.voipconfig.portal.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventJson;
import io.voipconfig.common.event.EventType;
import io.voipconfig.portal.messaging.OutboxRelay;
import io.voipconfig.portal.model.Organization;
import io.voipconfig.portal.repository.AggregateVersions;
import io.voipconfig.portal.repository.OutboxRepository;

/**
 * Every write of the API runs in one of the two transactions opened here, and records its domain events in the
 * outbox table inside it: the change and its events commit together or not at all. After the commit the relay is
 * woken, so it publishes now instead of at its next poll.
 */
@ApplicationScoped
public class Outbox {

    private final OutboxRepository repository;
    private final AggregateVersions versions;
    private final OutboxRelay relay;
    private final Pool pool;

    public Outbox(OutboxRepository repository, AggregateVersions versions, OutboxRelay relay, Pool pool) {
        this.repository = repository;
        this.versions = versions;
        this.relay = relay;
        this.pool = pool;
    }

    /** An event of an aggregate of {@code org}, keyed by the organization and carrying its partner. */
    public static DomainEvent event(EventType type, String aggregateId, Organization org, long version,
            Object state) {
        return event(type, aggregateId, org.id, org.partnerId, version, state);
    }

    /** The same, for writers that hold the organization's id and partner rather than the entity. */
    public static DomainEvent event(EventType type, String aggregateId, UUID organizationId, UUID partnerId,
            long version, Object state) {
        JsonNode node = state == null ? null : EventJson.mapper().valueToTree(state);
        return new DomainEvent(UUID.randomUUID(), type, aggregateId, organizationId.toString(), version, Instant.now(),
                node, partnerId == null ? null : partnerId.toString());
    }

    /** A Hibernate Reactive transaction: the aggregates' repositories and {@link #append}. */
    public <T> Uni<T> transaction(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).invoke(relay::wake);
    }

    /** A reactive SQL client transaction for bulk writes and {@link #appendAll}. */
    public <T> Uni<T> bulkTransaction(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work).invoke(relay::wake);
    }

    public Uni<DomainEvent> append(EventType type, String aggregateId, Organization org, long version,
            Object state) {
        return repository.append(event(type, aggregateId, org, version, state));
    }

    /** A deletion event; its version is drawn from the platform-wide sequence, above every earlier version. */
    public Uni<DomainEvent> appendDeletion(EventType type, String aggregateId, Organization org) {
        return versions.next().flatMap(version -> append(type, aggregateId, org, version, null));
    }

    /** Many events in one round trip, in list order, in a {@link #bulkTransaction}. */
    public Uni<Void> appendAll(SqlConnection tx, List<DomainEvent> events) {
        return repository.appendAll(tx, events);
    }
}
