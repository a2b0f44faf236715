package io.voipconfig.rps.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.common.crypto.SecretCipher;
import io.voipconfig.common.event.DeviceState;
import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.event.OrganizationState;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.rps.client.RedirectService;
import io.voipconfig.rps.client.RedirectService.Device;
import io.voipconfig.rps.client.RedirectService.Server;
import io.voipconfig.rps.client.RedirectService.ServerSpec;
import io.voipconfig.rps.client.RpsResult;
import io.voipconfig.rps.config.RpsSyncConfig;

/**
 * Applies one inventory event to RPS, idempotently (design.md §5): an event whose version is not newer than the one
 * applied changes nothing; "already exists" is looked up and edited; "not found" on delete is success; "owned by
 * another enterprise" is a recorded conflict, not retried. Anything transient is answered {@link Outcome#retry}, and
 * the caller tries the whole event again (every step reads the state afresh, so a repeat is harmless).
 */
@ApplicationScoped
public class Mirror {

    /** How handling an event ended. */
    public record Outcome(Kind kind, String detail) {

        public enum Kind {
            DONE, CONFLICT, RETRY, FAILED
        }

        static Outcome done() {
            return new Outcome(Kind.DONE, null);
        }

        static Outcome conflict(String detail) {
            return new Outcome(Kind.CONFLICT, detail);
        }

        static Outcome retry(String detail) {
            return new Outcome(Kind.RETRY, detail);
        }

        static Outcome failed(String detail) {
            return new Outcome(Kind.FAILED, detail);
        }
    }

    record ServerRow(String name, String serverId, long appliedVersion, String status) {
    }

    record DeviceRow(UUID organizationId, String deviceId, String serverId, long appliedVersion, String status) {
    }

    private final Pool pool;
    private final RedirectService rps;
    private final SecretCipher cipher;
    private final History history;
    private final RpsSyncConfig config;

    public Mirror(Pool pool, RedirectService rps, SecretCipher cipher, History history, RpsSyncConfig config) {
        this.pool = pool;
        this.rps = rps;
        this.cipher = cipher;
        this.history = history;
        this.config = config;
    }

    /** {@code <prefix><16 hex of SHA-256(organization id)>}: unique across RPS, stable for the organization. */
    public String serverName(UUID organizationId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(organizationId.toString()
                    .getBytes(StandardCharsets.UTF_8));
            return config.sync().serverNamePrefix() + HexFormat.of().formatHex(h).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Uni<Outcome> apply(DomainEvent e, int attempt) {
        if (e.type().aggregateType() == EventType.AggregateType.ORGANIZATION) {
            return e.type().isDeletion() ? deleteOrganization(e, attempt) : upsertOrganization(e, attempt);
        }
        if (e.type().aggregateType() == EventType.AggregateType.DEVICE) {
            return e.type().isDeletion() ? deleteDevice(e, attempt) : upsertDevice(e, attempt);
        }
        return Uni.createFrom().item(Outcome.done()); // settings, phonebooks, media: nothing for RPS
    }

    // ---- organizations ↔ servers

    private Uni<Outcome> upsertOrganization(DomainEvent e, int attempt) {
        UUID org = UUID.fromString(e.organizationId());
        OrganizationState s = e.stateAs(OrganizationState.class);
        return serverRow(org).flatMap(row -> {
            if (row.isPresent() && row.get().appliedVersion() >= e.version()) {
                return Uni.createFrom().item(Outcome.done());
            }
            String name = serverName(org);
            return hasCa(org).flatMap(hasCa -> {
                String url = config.urls().provisioning().replaceAll("/+$", "") + "/o/" + s.slug() + "/";
                ServerSpec spec = new ServerSpec(name, url, s.provisioningUsername(),
                        cipher.decrypt(s.provisioningPasswordEncrypted(), "organization/" + org
                                + "/provisioning-password"),
                        hasCa ? url + "ca.pem" : null);
                Optional<String> known = row.map(ServerRow::serverId);
                Uni<Outcome> add = call("server/add", org, null, name, e, attempt, () -> rps.addServer(spec))
                        .flatMap(r -> {
                            if (r instanceof RpsResult.Ok<Server> ok) {
                                return saveServer(org, name, ok.value().id(), e.version(),
                                        "SYNCED", null);
                            } else if (r instanceof RpsResult.Refused<Server> no && no.alreadyExists()) {
                                return adoptServer(org, spec, e,
                                        attempt);
                            } else if (r instanceof RpsResult.Refused<Server> no) {
                                return saveServer(org, name, null, e.version(), "FAILED",
                                        no.key()).replaceWith(Outcome.failed(no.key()));
                            } else {
                                RpsResult.Transient<Server> t = (RpsResult.Transient<Server>) r;
                                return Uni.createFrom().item(Outcome.retry(t.reason()));
                            }
                        });
                if (known.isEmpty()) {
                    return add;
                }
                return call("server/edit", org, null, name, e, attempt, () -> rps.editServer(known.get(), spec))
                        .flatMap(r -> {
                            if (r instanceof RpsResult.Ok<Server> ok) {
                                return saveServer(org, name, known.get(), e.version(), "SYNCED",
                                        null);
                            } else if (r instanceof RpsResult.Refused<Server> no && no.notFound()) {
                                return add;
                            } else if (r instanceof RpsResult.Refused<Server> no) {
                                return saveServer(org, name, known.get(), e.version(),
                                        "FAILED", no.key()).replaceWith(Outcome.failed(no.key()));
                            } else {
                                RpsResult.Transient<Server> t = (RpsResult.Transient<Server>) r;
                                return Uni.createFrom().item(Outcome.retry(t.reason()));
                            }
                        });
            });
        });
    }

    /** The name exists: ours if it is in our account's list (then edit it), another enterprise's otherwise. */
    private Uni<Outcome> adoptServer(UUID org, ServerSpec spec, DomainEvent e, int attempt) {
        return call("server/list", org, null, spec.name(), e, attempt, () -> rps.listServers(spec.name(), 0, 100))
                .flatMap(r -> {
                    if (r instanceof RpsResult.Transient<RedirectService.Page<Server>> t) {
                        return Uni.createFrom().item(Outcome.retry(t.reason()));
                    }
                    Optional<Server> mine = r instanceof RpsResult.Ok<RedirectService.Page<Server>> ok
                            ? ok.value().items().stream().filter(x -> x.name().equals(spec.name())).findFirst()
                            : Optional.empty();
                    if (mine.isEmpty()) {
                        return saveServer(org, spec.name(), null, e.version(), "CONFLICT",
                                "server name taken by another enterprise")
                                .replaceWith(Outcome.conflict("server name " + spec.name() + " is taken"));
                    }
                    return call("server/edit", org, null, spec.name(), e, attempt,
                            () -> rps.editServer(mine.get().id(), spec))
                            .flatMap(edit -> edit instanceof RpsResult.Transient<Server> t
                                    ? Uni.createFrom().item(Outcome.retry(t.reason()))
                                    : saveServer(org, spec.name(), mine.get().id(), e.version(), "SYNCED", null));
                });
    }

    private Uni<Outcome> deleteOrganization(DomainEvent e, int attempt) {
        UUID org = UUID.fromString(e.organizationId());
        return serverRow(org).flatMap(row -> {
            if (row.isPresent() && row.get().appliedVersion() >= e.version()) {
                return Uni.createFrom().item(Outcome.done());
            }
            String name = serverName(org);
            // Devices first: RPS refuses to delete a server that still has devices.
            return pool.preparedQuery("SELECT rps_device_id FROM rps_device_state WHERE organization_id = $1"
                    + " AND rps_device_id IS NOT NULL AND status <> 'DELETED'").execute(Tuple.of(org))
                    .flatMap(rows -> {
                        List<String> ids = new java.util.ArrayList<>();
                        rows.forEach(r -> ids.add(r.getString(0)));
                        if (ids.isEmpty()) {
                            return Uni.createFrom().item(Outcome.done());
                        }
                        return call("device/delete", org, null, ids.size() + " devices", e, attempt,
                                () -> rps.deleteDevices(ids)).flatMap(
                                        r -> r instanceof RpsResult.Transient<Void> t
                                                ? Uni.createFrom().item(Outcome.retry(t.reason()))
                                                : pool.preparedQuery("UPDATE rps_device_state SET status = 'DELETED',"
                                                        + " rps_device_id = NULL, updated_at = now() WHERE organization_id = $1")
                                                        .execute(Tuple.of(org)).replaceWith(Outcome.done()));
                    })
                    .flatMap(devices -> {
                        if (devices.kind() != Outcome.Kind.DONE) {
                            return Uni.createFrom().item(devices);
                        }
                        Optional<String> id = row.map(ServerRow::serverId);
                        if (id.isEmpty()) {
                            return saveServer(org, name, null, e.version(), "DELETED", null);
                        }
                        return call("server/delete", org, null, name, e, attempt, () -> rps.deleteServer(id.get()))
                                .flatMap(r -> r instanceof RpsResult.Transient<Void> t
                                        ? Uni.createFrom().item(Outcome.retry(t.reason()))
                                        : saveServer(org, name, null, e.version(), "DELETED", null));
                    });
        });
    }

    // ---- devices

    private Uni<Outcome> upsertDevice(DomainEvent e, int attempt) {
        MacAddress mac = MacAddress.parse(e.aggregateId());
        DeviceState s = e.stateAs(DeviceState.class);
        UUID org = UUID.fromString(s.organizationId());
        return deviceRow(mac).flatMap(row -> {
            if (row.isPresent() && row.get().appliedVersion() >= e.version()) {
                return Uni.createFrom().item(Outcome.done());
            }
            return serverRow(org).flatMap(server -> {
                if (server.isEmpty() || server.get().serverId() == null || !"SYNCED".equals(server.get().status())) {
                    if (server.isPresent() && "CONFLICT".equals(server.get().status())) {
                        return saveDevice(mac, org, null, null, e.version(), "CONFLICT",
                                "the organization's server is in conflict")
                                .replaceWith(Outcome.conflict("organization server in conflict"));
                    }
                    return Uni.createFrom().item(Outcome.retry("the organization's server is not mirrored yet"));
                }
                String serverId = server.get().serverId();
                Optional<DeviceRow> current = row.filter(d -> d.deviceId() != null && !"DELETED".equals(d.status()));
                if (current.isPresent()) {
                    if (serverId.equals(current.get().serverId())) {
                        return saveDevice(mac, org, current.get().deviceId(), serverId, e.version(), "SYNCED", null);
                    }
                    return move(mac, org, current.get().deviceId(), serverId, e, attempt);
                }
                return call("device/add", org, mac, serverId, e, attempt, () -> rps.addDevices(List.of(mac), serverId))
                        .flatMap(r -> {
                            if (r instanceof RpsResult.Ok<List<Device>> ok) {
                                return saveDevice(mac, org, ok.value().get(0).id(),
                                        serverId, e.version(), "SYNCED", null);
                            } else if (r instanceof RpsResult.Refused<List<Device>> no && no.ownedByOther()) {
                                return saveDevice(mac, org,
                                        null, null, e.version(), "CONFLICT", no.key())
                                        .replaceWith(Outcome.conflict(mac.value() + " is owned by another enterprise"));
                            } else if (r instanceof RpsResult.Refused<List<Device>> no && no.alreadyExists()) {
                                return adoptDevice(mac, org,
                                        serverId, e, attempt);
                            } else if (r instanceof RpsResult.Refused<List<Device>> no) {
                                return saveDevice(mac, org, null, null, e.version(),
                                        "FAILED", no.key()).replaceWith(Outcome.failed(no.key()));
                            } else {
                                return Uni.createFrom()
                                        .item(Outcome.retry(((RpsResult.Transient<List<Device>>) r).reason()));
                            }
                        });
            });
        });
    }

    private Uni<Outcome> move(MacAddress mac, UUID org, String deviceId, String serverId, DomainEvent e,
            int attempt) {
        return call("device/edit", org, mac, serverId, e, attempt, () -> rps.editDevice(deviceId, serverId))
                .flatMap(r -> {
                    if (r instanceof RpsResult.Ok<Device> ok) {
                        return saveDevice(mac, org, deviceId, serverId, e.version(), "SYNCED",
                                null);
                    } else if (r instanceof RpsResult.Refused<Device> no && no.notFound()) {
                        return saveDevice(mac, org, null, null, 0,
                                "PENDING", null)
                                .replaceWith(Outcome.retry("device vanished from RPS; adding it again"));
                    } else if (r instanceof RpsResult.Refused<Device> no) {
                        return saveDevice(mac, org, deviceId, null, e.version(), "FAILED",
                                no.key()).replaceWith(Outcome.failed(no.key()));
                    } else {
                        RpsResult.Transient<Device> t = (RpsResult.Transient<Device>) r;
                        return Uni.createFrom().item(Outcome.retry(t.reason()));
                    }
                });
    }

    /** "Already exists" in our account: find it and put it on the right server. */
    private Uni<Outcome> adoptDevice(MacAddress mac, UUID org, String serverId, DomainEvent e, int attempt) {
        return call("device/list", org, mac, mac.value(), e, attempt, () -> rps.listDevices(mac.value(), 0, 100))
                .flatMap(r -> {
                    if (!(r instanceof RpsResult.Ok<RedirectService.Page<Device>> ok)) {
                        return Uni.createFrom().item(Outcome.retry("cannot look up " + mac.value()));
                    }
                    Optional<Device> found = ok.value().items().stream().filter(d -> d.mac().equals(mac)).findFirst();
                    if (found.isEmpty()) {
                        return Uni.createFrom().item(Outcome.retry(mac.value() + " exists but is not listed yet"));
                    }
                    if (serverId.equals(found.get().serverId())) {
                        return saveDevice(mac, org, found.get().id(), serverId, e.version(), "SYNCED", null);
                    }
                    return move(mac, org, found.get().id(), serverId, e, attempt);
                });
    }

    private Uni<Outcome> deleteDevice(DomainEvent e, int attempt) {
        MacAddress mac = MacAddress.parse(e.aggregateId());
        UUID org = UUID.fromString(e.organizationId());
        return deviceRow(mac).flatMap(row -> {
            if (row.isPresent() && row.get().appliedVersion() >= e.version()) {
                return Uni.createFrom().item(Outcome.done());
            }
            Optional<String> id = row.map(DeviceRow::deviceId);
            if (id.isEmpty()) {
                return saveDevice(mac, org, null, null, e.version(), "DELETED", null);
            }
            return call("device/delete", org, mac, mac.value(), e, attempt, () -> rps.deleteDevices(List.of(id.get())))
                    .flatMap(r -> r instanceof RpsResult.Transient<Void> t
                            ? Uni.createFrom().item(Outcome.retry(t.reason()))
                            : saveDevice(mac, org, null, null, e.version(), "DELETED", null));
        });
    }

    // ---- state and history

    private <T> Uni<RpsResult<T>> call(String operation, UUID org, MacAddress mac, String target, DomainEvent e,
            int attempt, Supplier<Uni<RpsResult<T>>> request) {
        long start = System.nanoTime();
        return request.get().flatMap(result -> history.record(operation, org, mac == null ? null : mac.value(),
                target, result, (System.nanoTime() - start) / 1_000_000, attempt, e.eventId()).replaceWith(result));
    }

    private Uni<Boolean> hasCa(UUID org) {
        return pool.preparedQuery("SELECT ca_certificate IS NOT NULL AND ca_certificate <> '' FROM organization"
                + " WHERE id = $1").execute(Tuple.of(org))
                .map(rows -> rows.iterator().hasNext() && Boolean.TRUE.equals(rows.iterator().next().getBoolean(0)));
    }

    private Uni<Optional<ServerRow>> serverRow(UUID org) {
        return pool.preparedQuery("SELECT server_name, rps_server_id, applied_version, status FROM rps_server_state"
                + " WHERE organization_id = $1").execute(Tuple.of(org))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.empty();
                    }
                    Row r = rows.iterator().next();
                    return Optional.of(new ServerRow(r.getString(0), r.getString(1), r.getLong(2), r.getString(3)));
                });
    }

    private Uni<Optional<DeviceRow>> deviceRow(MacAddress mac) {
        return pool.preparedQuery("SELECT organization_id, rps_device_id, rps_server_id, applied_version, status"
                + " FROM rps_device_state WHERE mac = $1").execute(Tuple.of(mac.value()))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.empty();
                    }
                    Row r = rows.iterator().next();
                    return Optional.of(new DeviceRow(r.getUUID(0), r.getString(1), r.getString(2), r.getLong(3),
                            r.getString(4)));
                });
    }

    private Uni<Outcome> saveServer(UUID org, String name, String serverId, long version, String status,
            String error) {
        return pool.preparedQuery("INSERT INTO rps_server_state (organization_id, server_name, rps_server_id,"
                + " applied_version, status, last_error) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (organization_id)"
                + " DO UPDATE SET server_name = EXCLUDED.server_name, rps_server_id = EXCLUDED.rps_server_id,"
                + " applied_version = EXCLUDED.applied_version, status = EXCLUDED.status,"
                + " last_error = EXCLUDED.last_error, updated_at = now()")
                .execute(Tuple.tuple().addValue(org).addString(name).addString(serverId).addLong(version)
                        .addString(status).addString(error))
                .replaceWith(Outcome.done());
    }

    Uni<Outcome> saveDevice(MacAddress mac, UUID org, String deviceId, String serverId, long version, String status,
            String error) {
        return pool.preparedQuery("INSERT INTO rps_device_state (mac, organization_id, rps_device_id, rps_server_id,"
                + " applied_version, status, last_error) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (mac)"
                + " DO UPDATE SET organization_id = EXCLUDED.organization_id, rps_device_id = EXCLUDED.rps_device_id,"
                + " rps_server_id = EXCLUDED.rps_server_id,"
                + " applied_version = GREATEST(rps_device_state.applied_version, EXCLUDED.applied_version),"
                + " status = EXCLUDED.status, last_error = EXCLUDED.last_error, updated_at = now()")
                .execute(Tuple.tuple().addString(mac.value()).addValue(org).addString(deviceId).addString(serverId)
                        .addLong(version).addString(status).addString(error))
                .replaceWith(Outcome.done());
    }

    /** The event could not be applied after every attempt: remember why. */
    public Uni<Void> markFailed(DomainEvent e, String reason) {
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
                .execute(Tuple.of(org, serverName(org), reason)).replaceWithVoid();
    }
}
