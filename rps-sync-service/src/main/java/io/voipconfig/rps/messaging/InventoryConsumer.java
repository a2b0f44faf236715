package io.voipconfig.rps.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventJson;
import io.voipconfig.common.event.EventType;
import io.voipconfig.rps.config.RpsSyncConfig;
import io.voipconfig.rps.service.BatchMirror;
import io.voipconfig.rps.service.Mirror;
import io.voipconfig.rps.service.Outcome;

/**
 * Reads the inventory topic in polled batches (one consumer group for all replicas; the record key is the
 * organization, so one organization's events arrive in order on one partition). Within a batch each organization's
 * events are applied in order; a run of device upserts (or of device deletions) with distinct MACs is first offered
 * to {@link BatchMirror#addBatch} ({@link BatchMirror#deleteBatch}) so that devices reach (leave) RPS up to 100 per call, and
 * whatever that did not apply goes through {@link Mirror#apply} one by one. Transient failures retry with exponential backoff and jitter; when the
 * attempts are spent the event goes to the dead-letter topic with the reason, and the partition moves on. The batch
 * is acknowledged (its offsets committed) only when every event in it is settled.
 */
@ApplicationScoped
public class InventoryConsumer {

    private static final Logger LOG = Logger.getLogger(InventoryConsumer.class);

    /** An event with the JSON it came as (the dead-letter record carries the original). */
    record Received(DomainEvent event, String json) {
    }

    private final Mirror mirror;
    private final BatchMirror batches;
    private final Emitter<String> deadLetters;
    private final RpsSyncConfig.Sync sync;
    private final Counter applied;
    private final Counter retries;
    private final Counter conflicts;
    private final Counter deadLettered;
    private final Counter batchedCalls;

    public InventoryConsumer(Mirror mirror, BatchMirror batches,
            @Channel("rps-dead-letter") Emitter<String> deadLetters,
            RpsSyncConfig config, MeterRegistry registry) {
        this.mirror = mirror;
        this.batches = batches;
        this.deadLetters = deadLetters;
        this.sync = config.sync();
        this.applied = registry.counter("voipconfig.rps.events.applied");
        this.retries = registry.counter("voipconfig.rps.retries");
        this.conflicts = registry.counter("voipconfig.rps.conflicts");
        this.deadLettered = registry.counter("voipconfig.rps.dead.lettered");
        this.batchedCalls = registry.counter("voipconfig.rps.batched.events");
    }

    @Incoming("inventory")
    public Uni<Void> consume(List<String> records) {
        Map<String, List<Received>> byOrganization = new LinkedHashMap<>();
        List<Uni<Void>> unreadable = new ArrayList<>();
        for (String json : records) {
            try {
                DomainEvent e = EventJson.fromJson(json, DomainEvent.class);
                byOrganization.computeIfAbsent(e.organizationId(), k -> new ArrayList<>()).add(new Received(e, json));
            } catch (IllegalArgumentException e) {
                LOG.warnf("unreadable inventory event sent to the dead-letter topic: %s", e.getMessage());
                unreadable.add(deadLetter(json, "unreadable: " + e.getMessage()));
            }
        }
        Uni<Void> all = unreadable.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join().all(unreadable).andFailFast().replaceWithVoid();
        return all.flatMap(v -> Multi.createFrom().iterable(byOrganization.values())
                .onItem().transformToUniAndConcatenate(this::organization)
                .collect().last().replaceWithVoid());
    }

    /**
     * One organization's events of the batch, in order: runs of device upserts, and runs of device deletions, each
     * with distinct MACs, are offered to the batch calls; the rest goes one by one.
     */
    private Uni<Void> organization(List<Received> events) {
        List<List<Received>> segments = new ArrayList<>();
        List<Received> run = new ArrayList<>();
        Set<String> macs = new HashSet<>();
        Boolean runDeletes = null;
        for (Received r : events) {
            boolean device = r.event().type().aggregateType() == EventType.AggregateType.DEVICE;
            boolean deletion = r.event().type().isDeletion();
            boolean fits = device && runDeletes != null && runDeletes == deletion
                    && !macs.contains(r.event().aggregateId()) && run.size() < BatchMirror.MAX_BATCH;
            if (!fits && !run.isEmpty()) {
                segments.add(run);
                run = new ArrayList<>();
                macs.clear();
                runDeletes = null;
            }
            if (device) {
                run.add(r);
                macs.add(r.event().aggregateId());
                runDeletes = deletion;
            } else {
                segments.add(List.of(r));
            }
        }
        if (!run.isEmpty()) {
            segments.add(run);
        }
        return Multi.createFrom().iterable(segments).onItem().transformToUniAndConcatenate(this::segment)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> segment(List<Received> segment) {
        List<DomainEvent> events = segment.stream().map(Received::event).toList();
        Uni<Set<UUID>> batched = segment.size() < 2
                ? Uni.createFrom().item(Set.of())
                : batchAttempt(events, events.get(0).type().isDeletion(), 1);
        return batched.flatMap(done -> {
            done.forEach(id -> applied.increment());
            batchedCalls.increment(done.size());
            List<Received> rest = segment.stream().filter(r -> !done.contains(r.event().eventId())).toList();
            return Multi.createFrom().iterable(rest).onItem().transformToUniAndConcatenate(this::one)
                    .collect().last().replaceWithVoid();
        });
    }

    /**
     * The batch add, retried like any call while it fails transiently (an empty answer after a refusal or a state
     * that needs the one-by-one path is final); after half the attempts the events go one by one.
     */
    private Uni<Set<UUID>> batchAttempt(List<DomainEvent> events, boolean deletes, int n) {
        return (deletes ? batches.deleteBatch(events, n) : batches.addBatch(events, n))
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("batch add failed, events go one by one: %s", e.toString());
                    return new BatchMirror.BatchResult(Set.of(), true);
                })
                .flatMap(result -> {
                    if (!result.retry() || n >= Math.max(1, sync.maxAttempts() / 2)) {
                        return Uni.createFrom().item(result.applied());
                    }
                    retries.increment();
                    return Uni.createFrom().voidItem().onItem().delayIt().by(backoff(n))
                            .flatMap(v -> batchAttempt(events, deletes, n + 1));
                });
    }

    private Uni<Void> one(Received r) {
        DomainEvent event = r.event();
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
                            .flatMap(v -> deadLetter(r.json(), "retries exhausted: " + outcome.detail()));
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
        return Duration.ofMillis(Math.max(1, base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1)));
    }

    private Uni<Void> deadLetter(String json, String reason) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("reason", reason);
        record.put("event", json);
        return Uni.createFrom().completionStage(deadLetters.send(EventJson.toJson(record)));
    }
}
