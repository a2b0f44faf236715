package io.voipconfig.rps.service;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.rps.client.RpsResult;

/**
 * Every call to RPS, as a row of {@code rps_history}: operation, target, outcome, RPS's error text — never a secret.
 * The row is written before the call ({@code PENDING}) and completed after it, so a call the service did not live to
 * see answered is still in the history, as {@code PENDING}. A call for several devices writes a row per device (history
 * by MAC finds it), sharing a {@code call_id}.
 */
@ApplicationScoped
public class History {

    private static final String INSERT = "INSERT INTO rps_history (operation, organization_id, mac, target, outcome,"
            + " duration_ms, attempt, event_id, call_id) VALUES ($1, $2, $3, $4, 'PENDING', 0, $5, $6, $7)"
            + " RETURNING id";
    private static final String COMPLETE = "UPDATE rps_history SET outcome = $2, error_text = $3, duration_ms = $4"
            + " WHERE id = ANY($1)";

    private final Pool pool;

    public History(Pool pool) {
        this.pool = pool;
    }

    /** Records the call, runs it, and completes the record with its outcome. */
    public <T> Uni<RpsResult<T>> timed(String operation, UUID organizationId, String mac, String target,
            UUID eventId, int attempt, Supplier<Uni<RpsResult<T>>> call) {
        return timedBatch(operation, organizationId, mac == null ? List.of() : List.of(mac), target,
                eventId == null ? null : List.of(eventId), attempt, call);
    }

    /** A call made for an inventory event (its id and attempt recorded with it). */
    public <T> Uni<RpsResult<T>> forEvent(String operation, UUID organizationId, MacAddress mac, String target,
            DomainEvent event, int attempt, Supplier<Uni<RpsResult<T>>> call) {
        return timed(operation, organizationId, mac == null ? null : mac.value(), target, event.eventId(), attempt,
                call);
    }

    /**
     * One call for several devices: a row per MAC (with the event of each, when there is one) sharing a call id; with
     * no MAC, a single row.
     */
    public <T> Uni<RpsResult<T>> timedBatch(String operation, UUID organizationId, List<String> macs, String target,
            List<UUID> eventIds, int attempt, Supplier<Uni<RpsResult<T>>> call) {
        UUID callId = macs.size() > 1 ? UUID.randomUUID() : null;
        List<Tuple> rows = new ArrayList<>();
        for (int i = 0; i < Math.max(1, macs.size()); i++) {
            rows.add(Tuple.tuple().addString(operation).addValue(organizationId)
                    .addString(macs.isEmpty() ? null : macs.get(i)).addString(cut(target, 200))
                    .addShort((short) attempt).addValue(eventIds == null ? null : eventIds.get(i)).addValue(callId));
        }
        return pool.preparedQuery(INSERT).executeBatch(rows).flatMap(inserted -> {
            List<Long> ids = new ArrayList<>();
            for (var rs = inserted; rs != null; rs = rs.next()) {
                rs.forEach(r -> ids.add(r.getLong(0)));
            }
            long start = System.nanoTime();
            return call.get().flatMap(result -> complete(ids, result, (System.nanoTime() - start) / 1_000_000)
                    .replaceWith(result));
        });
    }

    private Uni<Void> complete(List<Long> ids, RpsResult<?> result, long durationMs) {
        String outcome = result.fold(done -> "OK", no -> no.ownedByOther() ? "CONFLICT" : "REFUSED",
                reason -> "TRANSIENT");
        String error = result.fold(done -> null, no -> no.key() + (no.data() == null ? "" : " (" + no.data() + ")"),
                reason -> reason);
        return pool.preparedQuery(COMPLETE).execute(Tuple.tuple().addValue(ids.toArray(Long[]::new))
                .addString(outcome).addString(cut(error, 1000))
                .addInteger((int) Math.min(Integer.MAX_VALUE, Math.max(0, durationMs)))).replaceWithVoid();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
