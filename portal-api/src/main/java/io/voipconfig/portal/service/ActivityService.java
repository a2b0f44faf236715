package io.voipconfig.portal.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.portal.rest.ApiException;
import io.voipconfig.portal.security.Caller;

/** Provisioning activity: stored from the activity topic, listed per organization. */
@ApplicationScoped
public class ActivityService {

    @Schema(name = "Activity", description = "One phone request as a phone-facing service saw it")
    public record Activity(
            UUID eventId,
            OffsetDateTime occurredAt,
            String service,
            String mac,
            String clientIp,
            String userAgent,
            String model,
            String firmware,
            String file,
            String outcome,
            int status,
            String bodyMd5,
            String detail) {
    }

    private final Pool pool;
    private final OrganizationService organizations;

    public ActivityService(Pool pool, OrganizationService organizations) {
        this.pool = pool;
        this.organizations = organizations;
    }

    public Uni<Page<Activity>> list(Caller caller, String orgRef, PageRequest page, String mac, String outcome,
            OffsetDateTime from, OffsetDateTime to) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE organization_id = $1");
        if (mac != null && !mac.isBlank()) {
            args.add(DeviceService.pathMac(mac).value());
            where.append(" AND mac = $").append(args.size() + 1);
        }
        if (outcome != null && !outcome.isBlank()) {
            if (Arrays.stream(Outcome.values()).noneMatch(o -> o.name().equals(outcome))) {
                throw ApiException.invalid("outcome", "one of " + Arrays.toString(Outcome.values()));
            }
            args.add(outcome);
            where.append(" AND outcome = $").append(args.size() + 1);
        }
        if (from != null) {
            args.add(from);
            where.append(" AND occurred_at >= $").append(args.size() + 1);
        }
        if (to != null) {
            args.add(to);
            where.append(" AND occurred_at < $").append(args.size() + 1);
        }
        return organizations.visible(caller, orgRef).flatMap(org -> {
            List<Object> all = new ArrayList<>();
            all.add(org.id());
            all.addAll(args);
            Tuple tuple = Sql.args(all.toArray());
            return pool.preparedQuery("SELECT count(*) FROM provisioning_activity" + where).execute(tuple)
                    .flatMap(count -> pool.preparedQuery("SELECT event_id, occurred_at, service, mac, client_ip,"
                            + " user_agent, model, firmware, file, outcome, status, body_md5, detail"
                            + " FROM provisioning_activity" + where + page.sql()).execute(tuple)
                            .map(rows -> {
                                List<Activity> items = new ArrayList<>();
                                rows.forEach(r -> items.add(new Activity(r.getUUID("event_id"),
                                        r.getOffsetDateTime("occurred_at"), r.getString("service"),
                                        r.getString("mac"), r.getString("client_ip"), r.getString("user_agent"),
                                        r.getString("model"), r.getString("firmware"), r.getString("file"),
                                        r.getString("outcome"), r.getShort("status"), r.getString("body_md5"),
                                        r.getString("detail"))));
                                return Page.of(items, page, count.iterator().next().getLong(0));
                            }));
        });
    }

    /**
     * Stores a batch idempotently (event id is the key) and moves each device's last-seen and delivered MD5s forward,
     * never backward: redelivered or late events change nothing that a newer one already set.
     */
    public Uni<Integer> store(List<ProvisioningActivity> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Tuple> rows = new ArrayList<>();
        Map<String, ProvisioningActivity> latest = new HashMap<>();
        Map<String, ProvisioningActivity> deliveries = new HashMap<>();
        for (ProvisioningActivity a : batch) {
            String mac = a.mac() == null ? null : MacAddress.tryParse(a.mac()).map(MacAddress::value).orElse(null);
            UUID org = a.organizationId() == null
                    ? null
                    : OrganizationService.parseUuid(a.organizationId())
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
            }
        }
        List<Tuple> presence = latest.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> {
                    ProvisioningActivity a = e.getValue();
                    return Sql.args(e.getKey(), a.time().atOffset(ZoneOffset.UTC), cut(a.clientIp(), 45),
                            cut(a.userAgent(), 512), cut(a.model(), 32), cut(a.firmware(), 32), cut(a.file(), 255),
                            a.outcome().name());
                }).toList();
        List<Tuple> delivered = deliveries.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Sql.args(e.getValue().mac() == null ? null : e.getKey().substring(0, 12),
                        cut(fileName(e.getValue().file()), 255), e.getValue().bodyMd5(),
                        e.getValue().time().atOffset(ZoneOffset.UTC)))
                .toList();
        return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO provisioning_activity (event_id, occurred_at,"
                + " service, organization_id, mac, client_ip, user_agent, model, firmware, file, outcome, status,"
                + " body_md5, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
                + " ON CONFLICT (event_id) DO NOTHING").executeBatch(rows)
                .flatMap(v -> presence.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : tx.preparedQuery("INSERT INTO device_presence (mac, last_seen_at, last_ip, last_user_agent,"
                                + " model, firmware, last_file, last_outcome) SELECT $1, $2, $3, $4, $5, $6, $7, $8"
                                + " WHERE EXISTS (SELECT 1 FROM device WHERE mac = $1)"
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
                                + " SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM device WHERE mac = $1)"
                                + " ON CONFLICT (mac, file) DO UPDATE SET body_md5 = EXCLUDED.body_md5,"
                                + " delivered_at = EXCLUDED.delivered_at"
                                + " WHERE device_file_delivery.delivered_at <= EXCLUDED.delivered_at")
                                .executeBatch(delivered).replaceWithVoid()))
                .replaceWith(batch.size());
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
