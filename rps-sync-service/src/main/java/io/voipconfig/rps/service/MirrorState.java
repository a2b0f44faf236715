package io.voipconfig.rps.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.mac.MacAddress;

/**
 * What rps-sync-service knows of RPS: {@code rps_server_state} (an organization's server) and {@code rps_device_state}
 * (a device), read before every call and written after each answer. The saves answer {@link Outcome#done()}, so a
 * mirror can end with one.
 */
@ApplicationScoped
public class MirrorState {

    record ServerRow(String name, String serverId, long appliedVersion, SyncStatus status) {
    }

    record DeviceRow(UUID organizationId, String deviceId, String serverId, long appliedVersion, SyncStatus status) {

        /** On RPS (it has an id there) and not deleted since. */
        boolean live() {
            return deviceId != null && status != SyncStatus.DELETED;
        }
    }

    private static final String SAVE_DEVICE = "INSERT INTO rps_device_state (mac, organization_id, rps_device_id,"
            + " rps_server_id, applied_version, status, last_error) VALUES ($1, $2, $3, $4, $5, $6, $7)"
            + " ON CONFLICT (mac) DO UPDATE SET organization_id = EXCLUDED.organization_id,"
            + " rps_device_id = EXCLUDED.rps_device_id, rps_server_id = EXCLUDED.rps_server_id,"
            + " applied_version = GREATEST(rps_device_state.applied_version, EXCLUDED.applied_version),"
            + " status = EXCLUDED.status, last_error = EXCLUDED.last_error, updated_at = now()";

    private final Pool pool;

    public MirrorState(Pool pool) {
        this.pool = pool;
    }

    Uni<Optional<ServerRow>> server(UUID org) {
        return pool.preparedQuery("SELECT server_name, rps_server_id, applied_version, status FROM rps_server_state"
                + " WHERE organization_id = $1").execute(Tuple.of(org))
                .map(rows -> first(rows).map(r -> new ServerRow(r.getString(0), r.getString(1), r.getLong(2),
                        SyncStatus.valueOf(r.getString(3)))));
    }

    Uni<Optional<DeviceRow>> device(MacAddress mac) {
        return pool.preparedQuery("SELECT organization_id, rps_device_id, rps_server_id, applied_version, status"
                + " FROM rps_device_state WHERE mac = $1").execute(Tuple.of(mac.value()))
                .map(rows -> first(rows).map(r -> new DeviceRow(r.getUUID(0), r.getString(1), r.getString(2),
                        r.getLong(3), SyncStatus.valueOf(r.getString(4)))));
    }

    Uni<Map<MacAddress, DeviceRow>> devices(Collection<MacAddress> macs) {
        return pool.preparedQuery("SELECT mac, organization_id, rps_device_id, rps_server_id, applied_version, status"
                + " FROM rps_device_state WHERE mac = ANY($1)")
                .execute(Tuple.of(macs.stream().map(MacAddress::value).toArray(String[]::new)))
                .map(rows -> {
                    Map<MacAddress, DeviceRow> out = new HashMap<>();
                    rows.forEach(r -> out.put(MacAddress.parse(r.getString(0).strip()), new DeviceRow(r.getUUID(1),
                            r.getString(2), r.getString(3), r.getLong(4), SyncStatus.valueOf(r.getString(5)))));
                    return out;
                });
    }

    /** The RPS ids of the organization's devices still on RPS. */
    Uni<List<String>> liveDeviceIds(UUID org) {
        return pool.preparedQuery("SELECT rps_device_id FROM rps_device_state WHERE organization_id = $1"
                + " AND rps_device_id IS NOT NULL AND status <> 'DELETED'").execute(Tuple.of(org))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getString(0)));
                    return ids;
                });
    }

    /** Every device of the organization removed from RPS (its server is about to go). */
    Uni<Outcome> allDevicesDeleted(UUID org) {
        return pool.preparedQuery("UPDATE rps_device_state SET status = 'DELETED', rps_device_id = NULL,"
                + " updated_at = now() WHERE organization_id = $1").execute(Tuple.of(org))
                .replaceWith(Outcome.done());
    }

    /** Does the organization have a CA certificate (then its server names the certificate's URL)? */
    /** What an organization's server needs beyond its event: a CA certificate or not, its partner's own host name. */
    record ServerFacts(boolean hasCa, String partnerHost) {
    }

    Uni<ServerFacts> serverFacts(UUID org) {
        return pool.preparedQuery("SELECT o.ca_certificate IS NOT NULL AND o.ca_certificate <> '', p.provisioning_host"
                + " FROM organization o JOIN partner p ON p.id = o.partner_id WHERE o.id = $1").execute(Tuple.of(org))
                .map(rows -> first(rows).map(r -> new ServerFacts(Boolean.TRUE.equals(r.getBoolean(0)),
                        r.getString(1))).orElse(new ServerFacts(false, null)));
    }

    Uni<Outcome> saveServer(UUID org, String name, String serverId, long version, SyncStatus status, String error) {
        return pool.preparedQuery("INSERT INTO rps_server_state (organization_id, server_name, rps_server_id,"
                + " applied_version, status, last_error) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (organization_id)"
                + " DO UPDATE SET server_name = EXCLUDED.server_name, rps_server_id = EXCLUDED.rps_server_id,"
                + " applied_version = EXCLUDED.applied_version, status = EXCLUDED.status,"
                + " last_error = EXCLUDED.last_error, updated_at = now()")
                .execute(Tuple.tuple().addValue(org).addString(name).addString(serverId).addLong(version)
                        .addString(status.name()).addString(error))
                .replaceWith(Outcome.done());
    }

    /** A device's state; the applied version never goes back. */
    Uni<Outcome> saveDevice(MacAddress mac, UUID org, String deviceId, String serverId, long version,
            SyncStatus status, String error) {
        return pool.preparedQuery(SAVE_DEVICE).execute(deviceTuple(mac, org, deviceId, serverId, version, status,
                error)).replaceWith(Outcome.done());
    }

    /** Many devices' states in one batch (see {@link #deviceTuple}). */
    Uni<Void> saveDevices(List<Tuple> saves) {
        return saves.isEmpty()
                ? Uni.createFrom().voidItem()
                : pool.preparedQuery(SAVE_DEVICE).executeBatch(saves).replaceWithVoid();
    }

    static Tuple deviceTuple(MacAddress mac, UUID org, String deviceId, String serverId, long version,
            SyncStatus status, String error) {
        return Tuple.tuple().addString(mac.value()).addValue(org).addString(deviceId).addString(serverId)
                .addLong(version).addString(status.name()).addString(error);
    }

    /** The event could not be applied after every attempt: remember why. */
    Uni<Void> markFailed(DomainEvent e, String serverName, String reason) {
        UUID org = UUID.fromString(e.organizationId());
        if (e.type().aggregateType() == EventType.AggregateType.DEVICE) {
            return pool.preparedQuery("INSERT INTO rps_device_state (mac, organization_id, status, last_error)"
                    + " VALUES ($1, $2, 'FAILED', $3) ON CONFLICT (mac) DO UPDATE SET status = 'FAILED',"
                    + " last_error = EXCLUDED.last_error, updated_at = now()")
                    .execute(Tuple.of(MacAddress.parse(e.aggregateId()).value(), org, reason)).replaceWithVoid();
        }
        return pool.preparedQuery("INSERT INTO rps_server_state (organization_id, server_name, status, last_error)"
                + " VALUES ($1, $2, 'FAILED', $3) ON CONFLICT (organization_id) DO UPDATE SET status = 'FAILED',"
                + " last_error = EXCLUDED.last_error, updated_at = now()")
                .execute(Tuple.of(org, serverName, reason)).replaceWithVoid();
    }

    private static Optional<Row> first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? Optional.of(rows.iterator().next()) : Optional.empty();
    }
}
