package io.voipconfig.portal.repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.portal.model.FleetState;
import io.voipconfig.portal.model.FleetState.Filter;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.PageRequest;

/**
 * The fleet view on the reactive SQL client: devices joined with what the activity ingest wrote (presence and the
 * version of the configuration each phone last received) and rps-sync-service's state, filtered, sorted and paged in
 * one statement per page (and one count), so it stays fast at 100,000 devices in an organization. Aliases for sorts:
 * {@code d} device, {@code p} device_presence, {@code r} rps_device_state.
 */
@ApplicationScoped
public class FleetRepository {

    private static final String FROM = " FROM device d JOIN organization o ON o.id = d.organization_id"
            + " LEFT JOIN device_presence p ON p.mac = d.mac LEFT JOIN rps_device_state r ON r.mac = d.mac";
    /**
     * A phone is current once the file it last received was rendered from its own version and its organization's
     * files version (the last write that changed what the organization renders: a save that renders the same files
     * makes no phone pending).
     */
    private static final String PENDING = "(p.config_version IS NOT NULL"
            + " AND p.config_version < greatest(d.version, coalesce(o.files_version, o.version)))";

    private final Pool pool;

    public FleetRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Long> count(UUID organizationId, Filter filter) {
        Where where = where(organizationId, filter);
        return pool.preparedQuery("SELECT count(*)" + FROM + where.sql).execute(Tuple.from(where.args))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The MACs of one page in order, each with its fleet state. */
    public Uni<List<Entry>> page(UUID organizationId, Filter filter, PageRequest page) {
        Where where = where(organizationId, filter);
        return pool.preparedQuery("SELECT d.mac, p.last_seen_at, p.last_ip, p.firmware, p.last_outcome,"
                + " CASE WHEN p.config_version IS NULL THEN NULL ELSE NOT " + PENDING + " END AS up_to_date,"
                + " r.status AS rps_status, r.last_error AS rps_error" + FROM + where.sql + page.sql())
                .execute(Tuple.from(where.args)).map(rows -> {
                    List<Entry> entries = new ArrayList<>();
                    rows.forEach(r -> entries.add(new Entry(r.getString("mac"), state(r))));
                    return entries;
                });
    }

    public record Entry(String mac, FleetState state) {
    }

    /**
     * Per organization: how many devices, seen since {@code since}, never seen, pending, in RPS conflict, and how many
     * addresses were refused for wrong credentials since {@code since}.
     */
    public Uni<Map<UUID, FleetState.Counts>> counts(List<UUID> organizationIds, OffsetDateTime since) {
        if (organizationIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Tuple args = Tuple.of(organizationIds.toArray(UUID[]::new), since);
        // refused requests are security events, per address (an organization without devices may have them too)
        return pool.preparedQuery("SELECT organization_id, count(DISTINCT client_ip) FROM security_event"
                + " WHERE organization_id = ANY($1) AND outcome = 'WRONG_CREDENTIALS' AND minute >= $2"
                + " GROUP BY organization_id").execute(args).flatMap(refused -> {
                    Map<UUID, Long> wrong = new HashMap<>();
                    refused.forEach(r -> wrong.put(r.getUUID(0), r.getLong(1)));
                    return pool.preparedQuery("SELECT o.id, count(d.mac),"
                            + " count(d.mac) FILTER (WHERE p.last_seen_at >= $2),"
                            + " count(d.mac) FILTER (WHERE d.mac IS NOT NULL AND p.mac IS NULL),"
                            + " count(d.mac) FILTER (WHERE " + PENDING + "),"
                            + " count(d.mac) FILTER (WHERE r.status = 'CONFLICT')"
                            + " FROM organization o LEFT JOIN device d ON d.organization_id = o.id"
                            + " LEFT JOIN device_presence p ON p.mac = d.mac LEFT JOIN rps_device_state r ON r.mac = d.mac"
                            + " WHERE o.id = ANY($1) GROUP BY o.id").execute(args).map(rows -> {
                                Map<UUID, FleetState.Counts> counts = new HashMap<>();
                                rows.forEach(r -> counts.put(r.getUUID(0), new FleetState.Counts(r.getLong(1),
                                        r.getLong(2), r.getLong(3), r.getLong(4),
                                        wrong.getOrDefault(r.getUUID(0), 0L), r.getLong(5))));
                                return counts;
                            });
                });
    }

    /**
     * "Where is this phone?": devices whose MAC contains {@code macDigits}, in the organizations {@code scope} allows,
     * with their organization; at most {@code limit}, by MAC.
     */
    public Uni<List<FleetState.Found>> findByMac(String macDigits, Caller.Scope scope, int limit) {
        List<Object> args = new ArrayList<>(List.of("%" + macDigits + "%"));
        StringBuilder sql = new StringBuilder("SELECT d.mac, d.model, d.label, o.id, o.slug, o.name, p.last_seen_at"
                + " FROM device d JOIN organization o ON o.id = d.organization_id"
                + " LEFT JOIN device_presence p ON p.mac = d.mac WHERE d.mac LIKE $1");
        scope.partnerId().ifPresent(id -> {
            args.add(id);
            sql.append(" AND o.partner_id = $").append(args.size());
        });
        scope.organizationId().ifPresent(id -> {
            args.add(id);
            sql.append(" AND o.id = $").append(args.size());
        });
        sql.append(" ORDER BY d.mac LIMIT ").append(limit);
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(args)).map(rows -> {
            List<FleetState.Found> found = new ArrayList<>();
            rows.forEach(r -> found.add(new FleetState.Found(r.getString(0), r.getString(1), r.getString(2),
                    r.getUUID(3), r.getString(4), r.getString(5), r.getOffsetDateTime(6))));
            return found;
        });
    }

    /** The export's columns after the import's (read-only: the import accepts and ignores them). */
    public static final List<String> EXPORT_STATE_COLUMNS = List.of("last_seen_at", "last_ip", "firmware",
            "up_to_date", "last_outcome", "rps_status");

    /**
     * One chunk of the CSV export, in MAC order after {@code afterMac}: up to {@code devices} devices (all rows of
     * each: one per SIP account, or one without), as the import's columns plus {@link #EXPORT_STATE_COLUMNS}.
     * Keyset paging: every chunk is an index range, so memory and time per chunk stay flat however large the fleet.
     */
    public Uni<List<List<String>>> exportChunk(UUID organizationId, Filter filter, String afterMac, int devices) {
        Where where = where(organizationId, filter);
        List<Object> args = new ArrayList<>(where.args);
        args.add(afterMac);
        String page = "SELECT d.mac" + FROM + where.sql + " AND d.mac > $" + args.size() + " ORDER BY d.mac LIMIT "
                + devices;
        return pool.preparedQuery("SELECT d.mac, d.model, d.label, a.account_index, a.user_name, a.auth_name,"
                + " a.display_name, a.label AS account_label, a.server, a.port, a.transport,"
                + " (SELECT string_agg(dp.phonebook_id::text, ';' ORDER BY dp.position, dp.phonebook_id)"
                + " FROM device_phonebook dp WHERE dp.device_mac = d.mac) AS phonebooks, d.wallpaper, d.ringtone,"
                + " p.last_seen_at, p.last_ip, p.firmware,"
                + " CASE WHEN p.config_version IS NULL THEN NULL ELSE NOT " + PENDING + " END AS up_to_date,"
                + " p.last_outcome, r.status AS rps_status" + FROM + " LEFT JOIN sip_account a ON a.device_mac = d.mac"
                + " WHERE d.mac IN (" + page + ") ORDER BY d.mac, a.account_index")
                .execute(Tuple.from(args)).map(rows -> {
                    List<List<String>> out = new ArrayList<>();
                    rows.forEach(r -> {
                        List<String> cells = new ArrayList<>();
                        for (int i = 0; i < r.size(); i++) {
                            Object v = r.getValue(i);
                            cells.add(v == null ? "" : v.toString());
                        }
                        out.add(cells);
                    });
                    return out;
                });
    }

    private static FleetState state(Row r) {
        return new FleetState(r.getOffsetDateTime("last_seen_at"), r.getString("last_ip"), r.getString("firmware"),
                r.getString("last_outcome"), r.getBoolean("up_to_date"), r.getString("rps_status"),
                r.getString("rps_error"));
    }

    private record Where(String sql, List<Object> args) {
    }

    private static Where where(UUID organizationId, Filter f) {
        List<Object> args = new ArrayList<>(List.of(organizationId));
        StringBuilder sql = new StringBuilder(" WHERE d.organization_id = $1");
        if (f.q() != null && !f.q().isBlank()) {
            String needle = f.q().strip().toLowerCase(Locale.ROOT);
            String macNeedle = needle.replaceAll("[^0-9a-f]", "");
            args.add(Refs.like(needle));
            sql.append(" AND (lower(d.label) LIKE $").append(args.size());
            if (!macNeedle.isEmpty()) {
                args.add("%" + macNeedle + "%");
                sql.append(" OR d.mac LIKE $").append(args.size());
            }
            sql.append(")");
        }
        if (f.model() != null && !f.model().isBlank()) {
            args.add(f.model().strip().toUpperCase(Locale.ROOT));
            sql.append(" AND d.model = $").append(args.size());
        }
        if (f.firmware() != null && !f.firmware().isBlank()) {
            args.add(f.firmware().strip());
            sql.append(" AND p.firmware = $").append(args.size());
        }
        if (f.seenAfter() != null) {
            args.add(f.seenAfter());
            sql.append(" AND p.last_seen_at >= $").append(args.size());
        }
        if (f.seenBefore() != null) {
            args.add(f.seenBefore());
            sql.append(" AND p.last_seen_at < $").append(args.size());
        }
        if (f.neverSeen() != null) {
            sql.append(f.neverSeen() ? " AND p.mac IS NULL" : " AND p.mac IS NOT NULL");
        }
        if (f.pending() != null) {
            sql.append(f.pending() ? " AND " + PENDING : " AND NOT coalesce(" + PENDING + ", false)");
        }
        if (f.outcome() != null && !f.outcome().isBlank()) {
            args.add(f.outcome().strip().toUpperCase(Locale.ROOT));
            sql.append(" AND p.last_outcome = $").append(args.size());
        }
        if (f.rpsStatus() != null && !f.rpsStatus().isBlank()) {
            args.add(f.rpsStatus().strip().toUpperCase(Locale.ROOT));
            sql.append(" AND r.status = $").append(args.size());
        }
        if (f.phonebookId() != null) {
            args.add(f.phonebookId());
            sql.append(" AND EXISTS (SELECT 1 FROM device_phonebook dp WHERE dp.device_mac = d.mac"
                    + " AND dp.phonebook_id = $").append(args.size()).append(")");
        }
        return new Where(sql.toString(), args);
    }
}
