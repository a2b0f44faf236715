package io.voipconfig.portal.repository;

import java.lang.reflect.Array;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.portal.model.Activity;
import io.voipconfig.portal.service.PageRequest;

/**
 * Provisioning activity, on the reactive SQL client: the consumer stores up to 1,000 events per poll in five
 * statements over arrays, where Hibernate would write each row as its own statement.
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
                + " file, outcome, status, body_md5, detail, requests, first_at FROM provisioning_activity" + where
                + page.sql())
                .execute(Tuple.from(args)).map(rows -> {
                    List<Activity> items = new ArrayList<>();
                    rows.forEach(r -> items.add(new Activity(r.getUUID("event_id"), r.getOffsetDateTime("occurred_at"),
                            r.getString("service"), r.getString("mac"), r.getString("client_ip"),
                            r.getString("user_agent"), r.getString("model"), r.getString("firmware"),
                            r.getString("file"), r.getString("outcome"), r.getShort("status"),
                            r.getString("body_md5"), r.getString("detail"), r.getInteger("requests"),
                            r.getOffsetDateTime("first_at"))));
                    return items;
                });
    }

    /** A device that authenticated with its organization's current credentials for the first time. */
    public record CredentialsUsed(String mac, UUID organizationId, UUID partnerId) {
    }

    /**
     * Stores a batch idempotently (event id and time are the key) in {@code tx} and moves each device's last-seen,
     * delivered MD5s, the version of the configuration it has and the generation of the credentials it used forward,
     * never backward: redelivered or late events change nothing that a newer one already set. Presence and deliveries
     * count only for the organization the device is in now (a late event from before a move is not shown to the
     * target). Each of the five writes is one statement over arrays ({@code unnest}), whatever the batch's size: one
     * plan and one round trip instead of one per row. Each per-device write holds one row per key, in key order.
     *
     * @return the devices whose credentials generation moved forward
     */
    public Uni<List<CredentialsUsed>> store(SqlConnection tx, List<ProvisioningActivity> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Columns events = new Columns(batch.size());
        Map<String, ProvisioningActivity> latest = new TreeMap<>();
        Map<String, ProvisioningActivity> deliveries = new TreeMap<>();
        Map<String, Long> configVersions = new TreeMap<>();
        Map<String, ProvisioningActivity> credentials = new TreeMap<>();
        for (ProvisioningActivity a : batch) {
            String mac = a.mac() == null ? null : MacAddress.tryParse(a.mac()).map(MacAddress::value).orElse(null);
            UUID org = organization(a);
            events.add(a.eventId(), a.time().atOffset(ZoneOffset.UTC), cut(a.service(), 32), org, mac,
                    cut(a.clientIp(), 45), cut(a.userAgent(), 512), cut(a.model(), 32), cut(a.firmware(), 32),
                    cut(a.file(), 255), a.outcome().name(), (short) a.status(), a.bodyMd5(), cut(a.detail(), 500),
                    a.requests(), a.firstTime() == null ? null : a.firstTime().atOffset(ZoneOffset.UTC));
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
        Columns presence = new Columns(latest.size());
        latest.forEach((mac, a) -> presence.add(mac, a.time().atOffset(ZoneOffset.UTC), cut(a.clientIp(), 45),
                cut(a.userAgent(), 512), cut(a.model(), 32), cut(a.firmware(), 32), cut(a.file(), 255),
                a.outcome().name(), organization(a)));
        Columns delivered = new Columns(deliveries.size());
        deliveries.forEach((key, a) -> delivered.add(key.substring(0, 12), cut(fileName(a.file()), 255), a.bodyMd5(),
                a.time().atOffset(ZoneOffset.UTC), organization(a)));
        Columns versions = new Columns(configVersions.size());
        configVersions.forEach((mac, version) -> versions.add(mac, version));
        Columns used = new Columns(credentials.size());
        credentials.forEach((mac, a) -> used.add(mac, organization(a), a.credentialsGeneration(),
                a.time().atOffset(ZoneOffset.UTC)));
        return tx.preparedQuery("INSERT INTO provisioning_activity (event_id, occurred_at, service, organization_id,"
                + " mac, client_ip, user_agent, model, firmware, file, outcome, status, body_md5, detail, requests,"
                + " first_at) SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::uuid[], $5::text[],"
                + " $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::int2[],"
                + " $13::text[], $14::text[], $15::int4[], $16::timestamptz[])"
                + " ON CONFLICT (event_id, occurred_at) DO NOTHING")
                .execute(events.tuple(UUID.class, OffsetDateTime.class, String.class, UUID.class, String.class,
                        String.class, String.class, String.class, String.class, String.class, String.class,
                        Short.class, String.class, String.class, Integer.class, OffsetDateTime.class))
                .flatMap(v -> presence.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : tx.preparedQuery("INSERT INTO device_presence (mac, last_seen_at, last_ip, last_user_agent,"
                                + " model, firmware, last_file, last_outcome)"
                                + " SELECT d.mac, u.seen, u.ip, u.agent, u.model, u.firmware, u.file, u.outcome"
                                + " FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[],"
                                + " $5::text[], $6::text[], $7::text[], $8::text[], $9::uuid[])"
                                + " AS u (mac, seen, ip, agent, model, firmware, file, outcome, org)"
                                + " JOIN device d ON d.mac = u.mac::char(12) AND d.organization_id = u.org"
                                + " ORDER BY d.mac ON CONFLICT (mac) DO UPDATE SET"
                                + " last_seen_at = EXCLUDED.last_seen_at, last_ip = EXCLUDED.last_ip, last_user_agent = EXCLUDED.last_user_agent,"
                                + " model = coalesce(EXCLUDED.model, device_presence.model),"
                                + " firmware = coalesce(EXCLUDED.firmware, device_presence.firmware),"
                                + " last_file = EXCLUDED.last_file, last_outcome = EXCLUDED.last_outcome"
                                + " WHERE device_presence.last_seen_at <= EXCLUDED.last_seen_at")
                                .execute(presence.tuple(String.class, OffsetDateTime.class, String.class,
                                        String.class, String.class, String.class, String.class, String.class,
                                        UUID.class))
                                .replaceWithVoid())
                .flatMap(v -> delivered.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : tx.preparedQuery("INSERT INTO device_file_delivery (mac, file, body_md5, delivered_at)"
                                + " SELECT d.mac, u.file, u.md5, u.at FROM unnest($1::text[], $2::text[],"
                                + " $3::text[], $4::timestamptz[], $5::uuid[]) AS u (mac, file, md5, at, org)"
                                + " JOIN device d ON d.mac = u.mac::char(12) AND d.organization_id = u.org"
                                + " ORDER BY d.mac, u.file"
                                + " ON CONFLICT (mac, file) DO UPDATE SET body_md5 = EXCLUDED.body_md5,"
                                + " delivered_at = EXCLUDED.delivered_at"
                                + " WHERE device_file_delivery.delivered_at <= EXCLUDED.delivered_at")
                                .execute(delivered.tuple(String.class, String.class, String.class,
                                        OffsetDateTime.class, UUID.class))
                                .replaceWithVoid())
                // the version of the configuration the phone has: only ever forward (events may come late)
                .flatMap(v -> versions.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : tx.preparedQuery("UPDATE device_presence p SET config_version = u.version"
                                + " FROM unnest($1::text[], $2::int8[]) AS u (mac, version)"
                                + " WHERE p.mac = u.mac::char(12)"
                                + " AND (p.config_version IS NULL OR p.config_version < u.version)")
                                .execute(versions.tuple(String.class, Long.class)).replaceWithVoid())
                .flatMap(v -> used.isEmpty()
                        ? Uni.createFrom().item(List.<CredentialsUsed>of())
                        : credentialsUsed(tx, used));
    }

    /**
     * The generation of the organization's credentials each device used, forward only and only for the organization
     * it is in now; what moved forward comes back.
     */
    private static Uni<List<CredentialsUsed>> credentialsUsed(SqlConnection tx, Columns used) {
        return tx.preparedQuery("INSERT INTO device_credentials (mac, organization_id, generation, first_used_at)"
                + " SELECT d.mac, u.org, u.generation, u.at FROM unnest($1::text[], $2::uuid[], $3::int4[],"
                + " $4::timestamptz[]) AS u (mac, org, generation, at)"
                + " JOIN device d ON d.mac = u.mac::char(12) AND d.organization_id = u.org ORDER BY d.mac"
                + " ON CONFLICT (mac) DO UPDATE SET organization_id = EXCLUDED.organization_id,"
                + " generation = EXCLUDED.generation, first_used_at = EXCLUDED.first_used_at"
                + " WHERE device_credentials.organization_id <> EXCLUDED.organization_id"
                + " OR device_credentials.generation < EXCLUDED.generation"
                + " RETURNING mac, organization_id,"
                + " (SELECT partner_id FROM organization o WHERE o.id = organization_id) AS partner_id")
                .execute(used.tuple(String.class, UUID.class, Integer.class, OffsetDateTime.class)).map(rows -> {
                    List<CredentialsUsed> changed = new ArrayList<>();
                    rows.forEach(r -> changed.add(new CredentialsUsed(r.getString("mac"),
                            r.getUUID("organization_id"), r.getUUID("partner_id"))));
                    return changed;
                });
    }

    /** Rows gathered column by column, sent as one array per column. */
    private static final class Columns {

        private final List<List<Object>> columns = new ArrayList<>();
        private final int rows;

        Columns(int rows) {
            this.rows = rows;
        }

        void add(Object... row) {
            if (columns.isEmpty()) {
                for (int i = 0; i < row.length; i++) {
                    columns.add(new ArrayList<>(rows));
                }
            }
            for (int i = 0; i < row.length; i++) {
                columns.get(i).add(row[i]);
            }
        }

        boolean isEmpty() {
            return columns.isEmpty();
        }

        /** One array argument per column, typed as the client binds them ({@code String[]} as text[], ...). */
        Tuple tuple(Class<?>... types) {
            Tuple tuple = Tuple.tuple();
            for (int i = 0; i < types.length; i++) {
                List<Object> column = columns.get(i);
                tuple.addValue(column.toArray((Object[]) Array.newInstance(types[i], column.size())));
            }
            return tuple;
        }
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
