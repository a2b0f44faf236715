package io.voipconfig.rps.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.rps.client.RpsResult;

/** Every call to RPS, as a row of {@code rps_history}: operation, target, outcome, RPS's error text — never a secret. */
@ApplicationScoped
public class History {

    private final Pool pool;

    public History(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> record(String operation, UUID organizationId, String mac, String target, RpsResult<?> result,
            long durationMs, int attempt, UUID eventId) {
        return pool.preparedQuery(INSERT).execute(row(operation, organizationId, mac, target, result, durationMs,
                attempt, eventId)).replaceWithVoid();
    }

    /** One call for several devices ({@code device/add} of a batch): a row per device, so history by MAC finds it. */
    public Uni<Void> recordBatch(String operation, UUID organizationId, List<DomainEvent> events, String target,
            RpsResult<?> result, long durationMs, int attempt) {
        List<Tuple> rows = events.stream().map(e -> row(operation, organizationId,
                MacAddress.parse(e.aggregateId()).value(), target, result, durationMs, attempt, e.eventId())).toList();
        return pool.preparedQuery(INSERT).executeBatch(rows).replaceWithVoid();
    }

    private static final String INSERT = "INSERT INTO rps_history (operation, organization_id, mac, target, outcome,"
            + " error_text, duration_ms, attempt, event_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

    private static Tuple row(String operation, UUID organizationId, String mac, String target, RpsResult<?> result,
            long durationMs, int attempt, UUID eventId) {
        String outcome;
        String error = null;
        if (result instanceof RpsResult.Ok) {
            outcome = "OK";
        } else if (result instanceof RpsResult.Refused<?> r) {
            outcome = r.ownedByOther() ? "CONFLICT" : "REFUSED";
            error = r.key() + (r.data() == null ? "" : " (" + r.data() + ")");
        } else {
            outcome = "TRANSIENT";
            error = ((RpsResult.Transient<?>) result).reason();
        }
        Tuple args = Tuple.tuple().addString(operation).addValue(organizationId).addString(mac)
                .addString(cut(target, 200)).addString(outcome).addString(cut(error, 1000))
                .addInteger((int) Math.min(Integer.MAX_VALUE, Math.max(0, durationMs))).addShort((short) attempt)
                .addValue(eventId);
        return args;
    }

    /** Runs the call and records it. */
    public <T> Uni<RpsResult<T>> timed(String operation, UUID organizationId, String mac, String target,
            UUID eventId, int attempt, java.util.function.Supplier<Uni<RpsResult<T>>> call) {
        long start = System.nanoTime();
        return call.get().flatMap(result -> record(operation, organizationId, mac, target, result,
                (System.nanoTime() - start) / 1_000_000, attempt, eventId).replaceWith(result));
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
