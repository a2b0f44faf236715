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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.voipconfig.common.event.DeviceState;
import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventJson;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.event.OrganizationState;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.rps.config.RpsSyncConfig;
import io.voipconfig.rps.service.BatchMirror;
import io.voipconfig.rps.service.Mirror;

/**
 * Reads the inventory topic in polled batches (one consumer group for all replicas; the record key is the
 * organization, so one organization's events arrive in order on one partition). Within a batch each organization's
 * events are applied in order; a run of device upserts (or of device deletions) with distinct MACs is first offered
 * to {@link BatchMirror#addBatch} ({@link BatchMirror#deleteBatch}) so that devices reach (leave) RPS up to 100 per call, and
 * whatever that did not apply goes through {@link Mirror#apply} one by one.
 *
 * <p>The batch is acknowledged (its offsets committed) only when every event in it is settled: applied, its refusal or
 * conflict recorded, or — its RPS attempts spent ({@code voipconfig.sync.max-attempts}) — sent to the dead-letter topic
 * with the reason and marked {@code FAILED}; an unreadable event is dead-lettered at once. A failure of our own
 * infrastructure (the database down while reading or recording, the broker refusing a dead letter) is not the event's
 * fault and never settles it: the event is tried again with backoff for as long as the failure lasts, and the consumer
 * holds (reads no further) meanwhile. So {@link #consume} never fails, and the channel's failure strategy is
 * {@code fail}: anything that escapes stops the channel rather than skipping a batch.
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
    private final MeterRegistry registry;
    private final Counter applied;
    private final Counter rpsRetries;
    private final Counter internalRetries;
    private final Counter conflicts;
    private final Counter batchedCalls;
    private final Counter holds;
    /** 1 while an event waits for our own infrastructure to come back (the consumer reads nothing meanwhile). */
    private final AtomicInteger holding = new AtomicInteger();

    public InventoryConsumer(Mirror mirror, BatchMirror batches,
            @Channel("rps-dead-letter") Emitter<String> deadLetters,
            RpsSyncConfig config, MeterRegistry registry) {
        this.mirror = mirror;
        this.batches = batches;
        this.deadLetters = deadLetters;
        this.sync = config.sync();
        this.registry = registry;
        this.applied = registry.counter("voipconfig.rps.events.applied");
        this.rpsRetries = registry.counter("voipconfig.rps.retries", "cause", "rps");
        this.internalRetries = registry.counter("voipconfig.rps.retries", "cause", "internal");
        this.conflicts = registry.counter("voipconfig.rps.conflicts");
        this.batchedCalls = registry.counter("voipconfig.rps.batched.events");
        this.holds = registry.counter("voipconfig.rps.consumer.holds");
        registry.gauge("voipconfig.rps.consumer.holding", holding);
    }

    @Incoming("inventory")
    public Uni<Void> consume(List<String> records) {
        Map<String, List<Received>> byOrganization = new LinkedHashMap<>();
        List<Uni<Void>> unreadable = new ArrayList<>();
        for (String json : records) {
            try {
                DomainEvent e = readable(EventJson.fromJson(json, DomainEvent.class));
                byOrganization.computeIfAbsent(e.organizationId(), k -> new ArrayList<>()).add(new Received(e, json));
            } catch (IllegalArgumentException e) {
                LOG.warnf("unreadable inventory event sent to the dead-letter topic: %s", e.getMessage());
                unreadable.add(untilDone("dead-lettering an unreadable event",
                        () -> deadLetter(json, "unreadable: " + e.getMessage(), "unreadable"), 1));
            }
        }
        Uni<Void> all = Multi.createFrom().iterable(unreadable).onItem().transformToUniAndConcatenate(u -> u)
                .collect().last().replaceWithVoid();
        return all.flatMap(v -> Multi.createFrom().iterable(byOrganization.values())
                .onItem().transformToUniAndConcatenate(this::organization)
                .collect().last().replaceWithVoid());
    }

    /**
     * Everything the mirror reads from an event, checked before it is applied: what fails here fails on every attempt
     * (a poison event), so it goes to the dead-letter topic instead of holding the consumer.
     */
    static DomainEvent readable(DomainEvent e) {
        if (e.type() == null || e.eventId() == null || e.aggregateId() == null) {
            throw new IllegalArgumentException("an event needs a type, an event id and an aggregate id");
        }
        UUID.fromString(String.valueOf(e.organizationId()));
        switch (e.type().aggregateType()) {
            case DEVICE -> {
                MacAddress.parse(e.aggregateId());
                if (!e.type().isDeletion()) {
                    DeviceState s = e.stateAs(DeviceState.class);
                    if (s == null) {
                        throw new IllegalArgumentException(e.type().wireName() + " without a state");
                    }
                    UUID.fromString(String.valueOf(s.organizationId()));
                }
            }
            case ORGANIZATION -> {
                if (!e.type().isDeletion() && e.stateAs(OrganizationState.class) == null) {
                    throw new IllegalArgumentException(e.type().wireName() + " without a state");
                }
            }
            default -> {
            }
        }
        return e;
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
     * The batch call, retried like any call while RPS answers it transiently (an empty answer after a refusal or a
     * state that needs the one-by-one path is final); after half the attempts the events go one by one. When our own
     * infrastructure fails it they go one by one at once: that path holds each event until it is settled.
     */
    private Uni<Set<UUID>> batchAttempt(List<DomainEvent> events, boolean deletes, int n) {
        return (deletes ? batches.deleteBatch(events, n) : batches.addBatch(events, n))
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("batch call failed, events go one by one: %s", e.toString());
                    return new BatchMirror.BatchResult(Set.of(), false);
                })
                .flatMap(result -> {
                    if (!result.retry() || n >= Math.max(1, sync.maxAttempts() / 2)) {
                        return Uni.createFrom().item(result.applied());
                    }
                    rpsRetries.increment();
                    return Uni.createFrom().voidItem().onItem().delayIt().by(backoff(n))
                            .flatMap(v -> batchAttempt(events, deletes, n + 1));
                });
    }

    private Uni<Void> one(Received r) {
        return settle(r, 1, 0);
    }

    /**
     * Attempt {@code n} at the event, after {@code rpsFailures} transient answers from RPS. Completes when the event is
     * settled; an attempt our own infrastructure failed is not counted against the event and is repeated until it
     * gets through.
     */
    private Uni<Void> settle(Received r, int n, int rpsFailures) {
        DomainEvent event = r.event();
        return mirror.apply(event, n)
                .flatMap(outcome -> switch (outcome.kind()) {
                    case DONE -> {
                        applied.increment();
                        yield Uni.createFrom().item(Step.SETTLED);
                    }
                    case CONFLICT -> {
                        conflicts.increment();
                        LOG.warnf("RPS conflict for %s %s: %s", event.type().wireName(), event.aggregateId(),
                                outcome.detail());
                        yield Uni.createFrom().item(Step.SETTLED);
                    }
                    case FAILED -> {
                        LOG.warnf("RPS refused %s %s: %s", event.type().wireName(), event.aggregateId(),
                                outcome.detail());
                        yield Uni.createFrom().item(Step.SETTLED);
                    }
                    case RETRY -> rpsFailures + 1 < sync.maxAttempts()
                            ? Uni.createFrom().item(Step.RPS_FAILED)
                            : giveUp(r, outcome.detail(), n).replaceWith(Step.SETTLED);
                })
                .onFailure().recoverWithItem(e -> {
                    internalFailure("applying " + event.type().wireName() + " " + event.aggregateId(), n, e);
                    return Step.INTERNAL_FAILED;
                })
                .flatMap(step -> {
                    if (step == Step.SETTLED) {
                        resumed(n);
                        return Uni.createFrom().voidItem();
                    }
                    (step == Step.RPS_FAILED ? rpsRetries : internalRetries).increment();
                    int failures = rpsFailures + (step == Step.RPS_FAILED ? 1 : 0);
                    return Uni.createFrom().voidItem().onItem().delayIt().by(backoff(n))
                            .flatMap(v -> settle(r, n + 1, failures));
                });
    }

    private enum Step {
        SETTLED,
        RPS_FAILED,
        INTERNAL_FAILED
    }

    /**
     * RPS failed the event on every attempt: the event goes to the dead-letter topic with the reason and its state
     * says {@code FAILED} (the reconciliation repairs it). Both must get through before the event counts as settled.
     */
    private Uni<Void> giveUp(Received r, String detail, int n) {
        DomainEvent event = r.event();
        LOG.warnf("giving up on %s %s after %d attempts: %s", event.type().wireName(), event.aggregateId(),
                sync.maxAttempts(), detail);
        return untilDone("dead-lettering " + event.type().wireName() + " " + event.aggregateId(),
                () -> mirror.markFailed(event, detail)
                        .flatMap(v -> deadLetter(r.json(), "retries exhausted: " + detail, "retries-exhausted")),
                n);
    }

    /** Runs {@code work} until it succeeds, with backoff: what it records must not be skipped. */
    private Uni<Void> untilDone(String what, Supplier<Uni<Void>> work, int n) {
        return work.get()
                .invoke(() -> resumed(n))
                .onFailure().recoverWithUni(e -> {
                    internalFailure(what, n, e);
                    internalRetries.increment();
                    return Uni.createFrom().voidItem().onItem().delayIt().by(backoff(n))
                            .flatMap(v -> untilDone(what, work, n + 1));
                });
    }

    private void internalFailure(String what, int n, Throwable e) {
        if (holding.compareAndSet(0, 1)) {
            holds.increment();
            LOG.warnf("holding the inventory consumer: %s failed (attempt %d), trying again until it gets through: %s",
                    what, n, e.toString());
        } else {
            LOG.debugf("%s failed again (attempt %d): %s", what, n, e.toString());
        }
    }

    private void resumed(int attempts) {
        if (holding.compareAndSet(1, 0)) {
            LOG.infof("inventory consumer resumed after %d attempts", attempts);
        }
    }

    /** initial × 2^(n-1), capped, with "full jitter" between half and all of it. */
    Duration backoff(int n) {
        long base = Math.min(sync.maxBackoff().toMillis(),
                sync.initialBackoff().toMillis() * (1L << Math.min(20, n - 1)));
        return Duration.ofMillis(Math.max(1, base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1)));
    }

    private Uni<Void> deadLetter(String json, String reason, String cause) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("reason", reason);
        record.put("event", json);
        return Uni.createFrom().completionStage(() -> deadLetters.send(EventJson.toJson(record)))
                .invoke(() -> registry.counter("voipconfig.rps.dead.lettered", "reason", cause).increment());
    }
}
