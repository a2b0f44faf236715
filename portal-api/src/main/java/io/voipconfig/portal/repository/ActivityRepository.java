package io.voipconfig.portal.repository;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.portal.model.Activity;
import io.voipconfig.portal.service.PageRequest;

/**
 * Provisioning activity, on the reactive SQL client: the consumer stores up to 1,000 events per poll as three
 * batched upserts, where Hibernate would write each row as its own statement.
 */
@ApplicationScoped
public class ActivityRepository {

    private final Pool pool;

    public ActivityRepository(Pool pool) {
        this.pool = pool;
    }

    /** @param where SQL from {@code WHERE} on, {@code $1}… numbered in the order of {@code args} */
    public Uni<Long> count(String where, List<Object> args) {
        return pool.preparedQuery("SELECT count(*) FROM provisioning_activity" + where).execute(Tuple.from(args))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<List<Activity>> page(String where, List<Object> args, PageRequest page) {
        return pool.preparedQuery("SELECT event_id, occurred_at, service, mac, client_ip, user_agent, model, firmware,"
                + " file, outcome, status, body_md5, detail FROM provisioning_activity" + where + page.sql())
                .execute(Tuple.from(args)).map(rows -> {
                    List<Activity> items = new ArrayList<>();
                    rows.forEach(r -> items.add(new Activity(r.getUUID("event_id"), r.getOffsetDateTime("occurred_at"),
                            r.getString("service"), r.getString("mac"), r.getString("client_ip"),
                            r.getString("user_agent"), r.getString("model"), r.getString("firmware"),
                            r.getString("file"), r.getString("outcome"), r.getShort("status"),
                            r.getString("body_md5"), r.getString("detail"))));
                    return items;
                });
    }

    /** A device that authenticated with its organization's current credentials for the first time. */
    public record CredentialsUsed(String mac, UUID organizationId, UUID partnerId) {
    }

    /**
     * Stores a batch idempotently (event id is the key) in {@code tx} and moves each device's last-seen, delivered
     * MD5s, the version of the configuration it has and the generation of the credentials it used forward, never
     * backward: redelivered or late events change nothing that a newer one already set. Presence and deliveries count
     * only for the organization the device is in now (a late event from before a move is not shown to the target).
     *
     * @return the devices whose credentials generation moved forward
     */
    public Uni<List<CredentialsUsed>> store(SqlConnection tx, List<ProvisioningActivity> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Tuple> rows = new ArrayList<>();
        Map<String, ProvisioningActivity> latest = new HashMap<>();
        Map<String, ProvisioningActivity> deliveries = new HashMap<>();
        Map<String, Long> configVersions = new HashMap<>();
        Map<String, ProvisioningActivity> credentials = new HashMap<>();
        for (ProvisioningActivity a : batch) {
            String mac = a.mac() == null ? null : MacAddress.tryParse(a.mac()).map(MacAddress::value).orElse(null);
            UUID org = a.organizationId() == null
                    ? null
                    : Refs.uuid(a.organizationId())
                            .orElse(null);
            rows.add(Sql.args(a.eventId(), a.time().atOffset(ZoneOffset.UTC), cut(a.service(), 32), org, mac,
                    cut(a.clientIp(), 45), cut(a.userAgent(), 512), cut(a.model(), 32), cut(a.firmware(), 32),
                    cut(a.file(), 255), a.outcome().name(), a.status(), a.bodyMd5(), cut(a.detail(), 500)));
            if (mac != null) {
                latest.merge(mac, a, (x, y) -> x.time().isAfter(y.time()) ? x : y);
                if ((a.outcome() == Outcome.SUCCESS || a.outcome() == Outcome.NOT_MODIFIED) && a.bodyMd5() != null
                        && a.file() != null) {
                    deliveries.merge(mac + "|" + fileName(a.file()), a, (x, y) -> x.time().isAfter(y.time()) ? x : y);
                }
                if (a.configVersion() != null) {
                    configVersions.merge(mac, a.configVersion(), Math::max);
                }
                if (a.credentialsGeneration() != null && org != null) {
                    credentials.merge(mac, a, (x, y) -> x.credentialsGeneration() >= y.credentialsGeneration() ? x : y);
                }
            }
        }
        List<Tuple> presence = latest.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> {
                    ProvisioningActivity a = e.getValue();
                    return Sql.args(e.getKey(), a.time().atOffset(ZoneOffset.UTC), cut(a.clientIp(), 45),
                            cut(a.userAgent(), 512), cut(a.model(), 32), cut(a.firmware(), 32), cut(a.file(), 255),
                            a.outcome().name(), organization(a));
                }).toList();
        List<Tuple> delivered = deliveries.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Sql.args(e.getValue().mac() == null ? null : e.getKey().substring(0, 12),
                        cut(fileName(e.getValue().file()), 255), e.getValue().bodyMd5(),
                        e.getValue().time().atOffset(ZoneOffset.UTC), organization(e.getValue())))
                .toList();
        List<Tuple> versions = configVersions.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Sql.args(e.getKey(), e.getValue())).toList();
        List<Tuple> used = credentials.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Sql.args(e.getKey(), organization(e.getValue()), e.getValue().credentialsGeneration(),
                        e.getValue().time().atOffset(ZoneOffset.UTC)))
                .toList();
        return tx.preparedQuery("INSERT INTO provisioning_activity (event_id, occurred_at,"
                + " service, organization_id, mac, client_ip, user_agent, model, firmware, file, outcome, status,"
                + " body_md5, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
                + " ON CONFLICT (event_id) DO NOTHING").executeBatch(rows)
                .flatMap(v -> presence.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : tx.preparedQuery("INSERT INTO device_presence (mac, last_seen_at, last_ip, last_user_agent,"
                                + " model, firmware, last_file, last_outcome) SELECT $1, $2, $3, $4, $5, $6, $7, $8"
                                + " WHERE EXISTS (SELECT 1 FROM device WHERE mac = $1 AND organization_id = $9)"
                                + " ON CONFLICT (mac) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at,"
                                + " last_ip = EXCLUDED.last_ip, last_user_agent = EXCLUDED.last_user_agent,"
                                + " model = coalesce(EXCLUDED.model, device_presence.model),"
                                + " firmware = coalesce(EXCLUDED.firmware, device_presence.firmware),"
                                + " last_file = EXCLUDED.last_file, last_outcome = EXCLUDED.last_outcome"
                                + " WHERE device_presence.last_seen_at <= EXCLUDED.last_seen_at")
                                .executeBatch(presence).replaceWithVoid())
                .flatMap(v -> delivered.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : tx.preparedQuery("INSERT INTO device_file_delivery (mac, file, body_md5, delivered_at)"
                                + " SELECT $1, $2, $3, $4"
                                + " WHERE EXISTS (SELECT 1 FROM device WHERE mac = $1 AND organization_id = $5)"
                                + " ON CONFLICT (mac, file) DO UPDATE SET body_md5 = EXCLUDED.body_md5,"
                                + " delivered_at = EXCLUDED.delivered_at"
                                + " WHERE device_file_delivery.delivered_at <= EXCLUDED.delivered_at")
                                .executeBatch(delivered).replaceWithVoid())
                // the version of the configuration the phone has: only ever forward (events may come late)
                .flatMap(v -> versions.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : tx.preparedQuery("UPDATE device_presence SET config_version = $2 WHERE mac = $1"
                                + " AND (config_version IS NULL OR config_version < $2)")
                                .executeBatch(versions).replaceWithVoid())
                .flatMap(v -> used.isEmpty()
                        ? Uni.createFrom().item(List.<CredentialsUsed>of())
                        : credentialsUsed(tx,
                                used));
    }

    /**
     * The generation of the organization's credentials each device used, forward only and only for the organization
     * it is in now; what moved forward comes back.
     */
    private static Uni<List<CredentialsUsed>> credentialsUsed(SqlConnection tx, List<Tuple> used) {
        return tx.preparedQuery("INSERT INTO device_credentials (mac, organization_id, generation, first_used_at)"
                + " SELECT $1, $2, $3, $4 FROM device WHERE mac = $1 AND organization_id = $2"
                + " ON CONFLICT (mac) DO UPDATE SET organization_id = EXCLUDED.organization_id,"
                + " generation = EXCLUDED.generation, first_used_at = EXCLUDED.first_used_at"
                + " WHERE device_credentials.organization_id <> EXCLUDED.organization_id"
                + " OR device_credentials.generation < EXCLUDED.generation"
                + " RETURNING mac, organization_id,"
                + " (SELECT partner_id FROM organization o WHERE o.id = organization_id) AS partner_id")
                .executeBatch(used).map(first -> {
                    List<CredentialsUsed> changed = new ArrayList<>();
                    // a batch answers one row set per tuple, chained
                    for (RowSet<Row> rows = first; rows != null; rows = rows.next()) {
                        rows.forEach(r -> changed.add(new CredentialsUsed(r.getString("mac"),
                                r.getUUID("organization_id"), r.getUUID("partner_id"))));
                    }
                    return changed;
                });
    }

    private static UUID organization(ProvisioningActivity a) {
        return a.organizationId() == null ? null : Refs.uuid(a.organizationId()).orElse(null);
    }

    /** {@code /o/acme/001565a0c001.cfg} → {@code 001565a0c001.cfg}: the file whatever URL form was used. */
    static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
