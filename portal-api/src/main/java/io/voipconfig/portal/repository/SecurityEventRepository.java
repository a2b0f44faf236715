package io.voipconfig.portal.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.portal.model.SecurityEvent;
import io.voipconfig.portal.service.PageRequest;

/**
 * Security events ({@code security_event}), on the reactive SQL client like the activity they come from: a batch
 * becomes one row per (minute, organization, address, outcome), added to what is there already.
 */
@ApplicationScoped
public class SecurityEventRepository {

    private static final String COLUMNS = "minute, organization_id, client_ip, outcome, requests, first_at, last_at";

    private final Pool pool;

    public SecurityEventRepository(Pool pool) {
        this.pool = pool;
    }

    private record Key(Instant minute, String organizationId, String clientIp, String outcome)
            implements
                Comparable<Key> {

        private static final Comparator<Key> ORDER = Comparator.comparing(Key::minute)
                .thenComparing(Key::organizationId, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Key::clientIp).thenComparing(Key::outcome);

        @Override
        public int compareTo(Key o) {
            return ORDER.compare(this, o);
        }
    }

    private static final class Count {

        long requests;
        Instant first;
        Instant last;

        /** One event: one request, or repeats folded into one (counted in the minute of the last). */
        void add(ProvisioningActivity a) {
            requests += a.requests();
            first = first == null || a.firstRequestTime().isBefore(first) ? a.firstRequestTime() : first;
            last = last == null || a.time().isAfter(last) ? a.time() : last;
        }
    }

    /**
     * Counts {@code events} in {@code tx}, in key order (so that two replicas' batches never deadlock). Only the
     * address, outcome and organization of each are kept: what else a refused request carries is its sender's say-so.
     */
    public Uni<Void> count(SqlConnection tx, List<ProvisioningActivity> events) {
        Map<Key, Count> counts = new TreeMap<>();
        for (ProvisioningActivity a : events) {
            UUID org = a.organizationId() == null ? null : Refs.uuid(a.organizationId()).orElse(null);
            String ip = a.clientIp() == null || a.clientIp().isBlank() ? "unknown" : cut(a.clientIp(), 45);
            Key key = new Key(a.time().truncatedTo(ChronoUnit.MINUTES), org == null ? null : org.toString(), ip,
                    a.outcome().name());
            counts.computeIfAbsent(key, k -> new Count()).add(a);
        }
        if (counts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>();
        counts.forEach((k, c) -> rows.add(Sql.args(k.minute().atOffset(ZoneOffset.UTC),
                k.organizationId() == null ? null : UUID.fromString(k.organizationId()), k.clientIp(), k.outcome(),
                c.requests, c.first.atOffset(ZoneOffset.UTC), c.last.atOffset(ZoneOffset.UTC))));
        return tx.preparedQuery("INSERT INTO security_event (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7)"
                + " ON CONFLICT ON CONSTRAINT security_event_key DO UPDATE SET"
                + " requests = security_event.requests + EXCLUDED.requests,"
                + " first_at = least(security_event.first_at, EXCLUDED.first_at),"
                + " last_at = greatest(security_event.last_at, EXCLUDED.last_at)").executeBatch(rows)
                .replaceWithVoid();
    }

    /** Deletes the minutes before {@code before}; an indexed range, so cheap enough to run with every batch. */
    public Uni<Integer> deleteBefore(SqlConnection tx, OffsetDateTime before) {
        return tx.preparedQuery("DELETE FROM security_event WHERE minute < $1").execute(Tuple.of(before))
                .map(rows -> rows.rowCount());
    }

    public Uni<Long> count(Where where) {
        return pool.preparedQuery("SELECT count(*) FROM security_event" + where.sql()).execute(where.args())
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<List<SecurityEvent>> page(Where where, PageRequest page) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM security_event" + where.sql() + page.sql())
                .execute(where.args()).map(rows -> {
                    List<SecurityEvent> items = new ArrayList<>();
                    rows.forEach(r -> items.add(new SecurityEvent(r.getOffsetDateTime("minute"),
                            r.getUUID("organization_id"), r.getString("client_ip"), r.getString("outcome"),
                            r.getLong("requests"), r.getOffsetDateTime("first_at"), r.getOffsetDateTime("last_at"))));
                    return items;
                });
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
