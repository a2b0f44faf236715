package io.voipconfig.portal.model;

import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A domain event waiting for the outbox relay, written in the transaction of the change it describes. Only the
 * columns a writer sets are mapped; {@code created_at} and {@code published_at} belong to the database and the relay.
 */
@Entity
@Table(name = "outbox")
public class OutboxEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id")
    public UUID eventId;

    public String topic;

    @Column(name = "message_key")
    public String messageKey;

    @Column(name = "event_type")
    public String eventType;

    @Column(name = "aggregate_id")
    public String aggregateId;

    @Column(name = "aggregate_version")
    public long aggregateVersion;

    /** The event's wire JSON ({@code EventJson}) as a tree. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> payload;
}
