package io.voipconfig.rps.messaging;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventJson;
import io.voipconfig.rps.config.RpsSyncConfig;
import io.voipconfig.rps.service.Mirror;
import io.voipconfig.rps.service.Mirror.Outcome;

/**
 * Reads the inventory topic (one consumer group for all replicas; the record key is the organization, so one
 * organization's events arrive in order on one partition) and applies each event before the next. Transient failures
 * retry with exponential backoff and jitter; when the attempts are spent the event goes to the dead-letter topic with
 * the reason, and the partition moves on.
 */
@ApplicationScoped
public class InventoryConsumer {

    private static final Logger LOG = Logger.getLogger(InventoryConsumer.class);

    private final Mirror mirror;
    private final Emitter<String> deadLetters;
    private final RpsSyncConfig.Sync sync;
    private final Counter applied;
    private final Counter retries;
    private final Counter conflicts;
    private final Counter deadLettered;

    public InventoryConsumer(Mirror mirror, @Channel("rps-dead-letter") Emitter<String> deadLetters,
            RpsSyncConfig config, MeterRegistry registry) {
        this.mirror = mirror;
        this.deadLetters = deadLetters;
        this.sync = config.sync();
        this.applied = registry.counter("voipconfig.rps.events.applied");
        this.retries = registry.counter("voipconfig.rps.retries");
        this.conflicts = registry.counter("voipconfig.rps.conflicts");
        this.deadLettered = registry.counter("voipconfig.rps.dead.lettered");
    }

    @Incoming("inventory")
    public Uni<Void> consume(String json) {
        DomainEvent event;
        try {
            event = EventJson.fromJson(json, DomainEvent.class);
        } catch (IllegalArgumentException e) {
            LOG.warnf("unreadable inventory event sent to the dead-letter topic: %s", e.getMessage());
            return deadLetter(json, "unreadable: " + e.getMessage());
        }
        return attempt(event, 1).flatMap(outcome -> {
            switch (outcome.kind()) {
                case DONE -> applied.increment();
                case CONFLICT -> {
                    conflicts.increment();
                    LOG.warnf("RPS conflict for %s %s: %s", event.type().wireName(), event.aggregateId(),
                            outcome.detail());
                }
                case FAILED -> LOG.warnf("RPS refused %s %s: %s", event.type().wireName(), event.aggregateId(),
                        outcome.detail());
                case RETRY -> {
                    deadLettered.increment();
                    LOG.warnf("giving up on %s %s after %d attempts: %s", event.type().wireName(),
                            event.aggregateId(), sync.maxAttempts(), outcome.detail());
                    return mirror.markFailed(event, outcome.detail())
                            .flatMap(v -> deadLetter(json, "retries exhausted: " + outcome.detail()));
                }
            }
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Outcome> attempt(DomainEvent event, int n) {
        return mirror.apply(event, n)
                .onFailure().recoverWithItem(e -> new Outcome(Outcome.Kind.RETRY, e.toString()))
                .flatMap(outcome -> {
                    if (outcome.kind() != Outcome.Kind.RETRY || n >= sync.maxAttempts()) {
                        return Uni.createFrom().item(outcome);
                    }
                    retries.increment();
                    return Uni.createFrom().voidItem().onItem().delayIt().by(backoff(n))
                            .flatMap(v -> attempt(event, n + 1));
                });
    }

    /** initial × 2^(n-1), capped, with "full jitter" between half and all of it. */
    Duration backoff(int n) {
        long base = Math.min(sync.maxBackoff().toMillis(),
                sync.initialBackoff().toMillis() * (1L << Math.min(20, n - 1)));
        return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    private Uni<Void> deadLetter(String json, String reason) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("reason", reason);
        record.put("event", json);
        return Uni.createFrom().completionStage(deadLetters.send(EventJson.toJson(record)));
    }
}
