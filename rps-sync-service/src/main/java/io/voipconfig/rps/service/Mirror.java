package io.voipconfig.rps.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.common.crypto.SecretCipher;
import io.voipconfig.common.crypto.SecretContexts;
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
 * Applies one inventory event to RPS, idempotently (docs/rps-sync.md): an event whose version is not newer than the
 * one applied changes nothing; "already exists" is looked up and edited; "not found" on delete is success; "owned by
 * another enterprise" is a recorded conflict, not retried. Anything transient is answered {@link Outcome#retry}, and
 * the caller tries the whole event again (every step reads the state afresh, so a repeat is harmless).
 */
@ApplicationScoped
public class Mirror {

    /** How handling an event ended. */
    public record Outcome(Kind kind, String detail) {

        public enum Kind {
            DONE,
            CONFLICT,
            RETRY,
            FAILED
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
                        cipher.decrypt(s.provisioningPasswordEncrypted(), SecretContexts.provisioningPassword(org)),
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

    /** Most MACs in one {@code device/add} call. */
    public static final int MAX_BATCH = 100;

    /** What a batch add did: the events it applied, and whether it failed transiently (worth trying again). */
    public record BatchResult(Set<UUID> applied, boolean retry) {

        static final BatchResult NOTHING = new BatchResult(Set.of(), false);
    }

    /**
     * Device events of one organization (distinct MACs) whose devices are new to RPS are added in one call
     * ({@code device/add} with up to {@link #MAX_BATCH} MACs). Answers the ids of the events it applied; anything
     * else — a device already on a server, a stale version, the organization's server not mirrored, or a call that
     * did not succeed as a whole (a MAC that exists or belongs to another enterprise refuses the whole batch) — is
     * left to {@link #apply} one by one, which knows every case.
     */
    public Uni<BatchResult> addBatch(List<DomainEvent> events, int attempt) {
        if (events.size() < 2) {
            return Uni.createFrom().item(BatchResult.NOTHING);
        }
        UUID org = UUID.fromString(events.get(0).organizationId());
        Map<MacAddress, DomainEvent> byMac = byMac(events, org, false);
        return serverRow(org).flatMap(server -> {
            if (server.isEmpty() || server.get().serverId() == null || !"SYNCED".equals(server.get().status())) {
                return Uni.createFrom().item(BatchResult.NOTHING);
            }
            String serverId = server.get().serverId();
            return deviceRows(byMac.keySet()).flatMap(rows -> {
                List<DomainEvent> fresh = new ArrayList<>();
                byMac.forEach((mac, e) -> {
                    DeviceRow row = rows.get(mac);
                    if (row == null || row.appliedVersion() < e.version()
                            && (row.deviceId() == null || "DELETED".equals(row.status()))
                            && !"CONFLICT".equals(row.status())) {
                        fresh.add(e);
                    }
                });
                if (fresh.size() < 2) {
                    return Uni.createFrom().item(BatchResult.NOTHING);
                }
                return addFresh(org, serverId, fresh, attempt);
            });
        });
    }

    /**
     * One {@code device/add} call for these new devices. RPS refuses the whole call for one MAC that exists or belongs
     * to another enterprise, naming it: that one is left to the one-by-one path and the rest go again.
     */
    private Uni<BatchResult> addFresh(UUID org, String serverId, List<DomainEvent> fresh, int attempt) {
        if (fresh.size() < 2) {
            return Uni.createFrom().item(BatchResult.NOTHING);
        }
        List<MacAddress> macs = fresh.stream().map(e -> MacAddress.parse(e.aggregateId())).toList();
        return history.timedBatch("device/add", org, macs.stream().map(MacAddress::value).toList(),
                serverId + " (batch of " + fresh.size() + ")", fresh.stream().map(DomainEvent::eventId).toList(),
                attempt, () -> rps.addDevices(macs, serverId))
                .flatMap(result -> {
                    if (result instanceof RpsResult.Refused<List<Device>> no && no.alreadyExists()
                            && commonPrefix(macs).length() >= ADOPT_PREFIX) {
                        return adoptExisting(org, serverId, fresh, attempt);
                    }
                    if (result instanceof RpsResult.Refused<List<Device>> no && no.data() != null) {
                        Optional<MacAddress> named = MacAddress.tryParse(no.data());
                        List<DomainEvent> others = fresh.stream()
                                .filter(e -> named.isEmpty() || !named.get().equals(MacAddress.parse(e.aggregateId())))
                                .toList();
                        if (named.isPresent() && others.size() < fresh.size()) {
                            return addFresh(org, serverId, others, attempt);
                        }
                    }
                    if (!(result instanceof RpsResult.Ok<List<Device>> ok)) {
                        return Uni.createFrom().item(new BatchResult(Set.of(),
                                result instanceof RpsResult.Transient));
                    }
                    Map<MacAddress, String> ids = new HashMap<>();
                    ok.value().forEach(d -> ids.put(d.mac(), d.id()));
                    List<Tuple> saves = new ArrayList<>();
                    Set<UUID> done = new HashSet<>();
                    for (DomainEvent e : fresh) {
                        MacAddress mac = MacAddress.parse(e.aggregateId());
                        if (ids.containsKey(mac)) {
                            saves.add(deviceTuple(mac, org, ids.get(mac), serverId, e.version(), "SYNCED", null));
                            done.add(e.eventId());
                        }
                    }
                    if (saves.isEmpty()) {
                        return Uni.createFrom().item(BatchResult.NOTHING);
                    }
                    return pool.preparedQuery(SAVE_DEVICE).executeBatch(saves)
                            .replaceWith(new BatchResult(done, false));
                });
    }

    /**
     * Device deletions of one organization (distinct MACs): every device we have an RPS id for leaves in one
     * {@code device/delete} call ("not found" is success, as for one); those RPS never had are marked deleted without
     * a call. Events whose version is not newer than the applied one change nothing.
     */
    public Uni<BatchResult> deleteBatch(List<DomainEvent> events, int attempt) {
        if (events.size() < 2) {
            return Uni.createFrom().item(BatchResult.NOTHING);
        }
        UUID org = UUID.fromString(events.get(0).organizationId());
        Map<MacAddress, DomainEvent> byMac = byMac(events, org, true);
        return deviceRows(byMac.keySet()).flatMap(rows -> {
            Set<UUID> done = new HashSet<>();
            List<Tuple> saves = new ArrayList<>();
            List<DomainEvent> live = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            byMac.forEach((mac, e) -> {
                DeviceRow row = rows.get(mac);
                if (row != null && row.appliedVersion() >= e.version()) {
                    done.add(e.eventId());
                } else if (row == null || row.deviceId() == null) {
                    saves.add(deviceTuple(mac, org, null, null, e.version(), "DELETED", null));
                    done.add(e.eventId());
                } else {
                    live.add(e);
                    ids.add(row.deviceId());
                }
            });
            Uni<RpsResult<Void>> call = live.isEmpty()
                    ? Uni.createFrom().item(new RpsResult.Ok<>(null))
                    : history.timedBatch("device/delete", org,
                            live.stream().map(e -> MacAddress.parse(e.aggregateId()).value()).toList(),
                            live.size() + " devices", live.stream().map(DomainEvent::eventId).toList(), attempt,
                            () -> rps.deleteDevices(ids));
            return call.flatMap(r -> {
                boolean gone = r instanceof RpsResult.Ok || r instanceof RpsResult.Refused<Void> no && no.notFound();
                if (gone) {
                    for (DomainEvent e : live) {
                        saves.add(deviceTuple(MacAddress.parse(e.aggregateId()), org, null, null, e.version(),
                                "DELETED", null));
                        done.add(e.eventId());
                    }
                }
                Uni<Void> saved = saves.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : pool.preparedQuery(SAVE_DEVICE).executeBatch(saves).replaceWithVoid();
                return saved.replaceWith(new BatchResult(done, r instanceof RpsResult.Transient));
            });
        });
    }

    /** A batch's events by MAC; refuses anything but up to {@link #MAX_BATCH} device events of one kind and org. */
    private static Map<MacAddress, DomainEvent> byMac(List<DomainEvent> events, UUID org, boolean deletions) {
        Map<MacAddress, DomainEvent> byMac = new LinkedHashMap<>();
        for (DomainEvent e : events) {
            if (!org.toString().equals(e.organizationId()) || e.type().isDeletion() != deletions
                    || e.type().aggregateType() != EventType.AggregateType.DEVICE
                    || byMac.putIfAbsent(MacAddress.parse(e.aggregateId()), e) != null || byMac.size() > MAX_BATCH) {
                throw new IllegalArgumentException("a batch is up to " + MAX_BATCH + " device "
                        + (deletions ? "deletions" : "upserts") + " of one organization with distinct MACs");
            }
        }
        return byMac;
    }

    /** Shortest common MAC prefix for which one listing (≤ 16³ devices, one page) is worth it. */
    private static final int ADOPT_PREFIX = 9;

    /**
     * A batch refused because a MAC already exists in our account — typically the same batch, done by RPS before a
     * timeout or a crash kept us from seeing it. Phones of one order have neighbouring MACs: one {@code device/list}
     * with their common prefix finds every one that exists. Those on the right server are ours now; those elsewhere
     * go one by one (a move); the rest are added again.
     */
    private Uni<BatchResult> adoptExisting(UUID org, String serverId, List<DomainEvent> fresh, int attempt) {
        List<MacAddress> macs = fresh.stream().map(e -> MacAddress.parse(e.aggregateId())).toList();
        String prefix = commonPrefix(macs);
        return history.timed("device/list", org, null, "prefix " + prefix, null, attempt,
                () -> rps.listDevices(prefix, 0, 5000)).flatMap(r -> {
                    if (!(r instanceof RpsResult.Ok<RedirectService.Page<Device>> ok)
                            || ok.value().total() > ok.value().items().size()) {
                        return Uni.createFrom().item(new BatchResult(Set.of(), r instanceof RpsResult.Transient));
                    }
                    Map<MacAddress, Device> found = new HashMap<>();
                    ok.value().items().forEach(d -> found.put(d.mac(), d));
                    List<Tuple> saves = new ArrayList<>();
                    Set<UUID> done = new HashSet<>();
                    List<DomainEvent> missing = new ArrayList<>();
                    for (DomainEvent e : fresh) {
                        MacAddress mac = MacAddress.parse(e.aggregateId());
                        Device d = found.get(mac);
                        if (d == null) {
                            missing.add(e);
                        } else if (serverId.equals(d.serverId())) {
                            saves.add(deviceTuple(mac, org, d.id(), serverId, e.version(), "SYNCED", null));
                            done.add(e.eventId());
                        } // on another server: the one-by-one path moves it
                    }
                    Uni<Void> saved = saves.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : pool.preparedQuery(SAVE_DEVICE).executeBatch(saves).replaceWithVoid();
                    return saved.flatMap(v -> missing.size() < 2 || missing.size() == fresh.size()
                            ? Uni.createFrom().item(new BatchResult(done, false))
                            : addFresh(org, serverId, missing, attempt).map(more -> {
                                Set<UUID> all = new HashSet<>(done);
                                all.addAll(more.applied());
                                return new BatchResult(all, more.retry());
                            }));
                });
    }

    public static String commonPrefix(List<MacAddress> macs) {
        String first = macs.get(0).value();
        int n = first.length();
        for (MacAddress m : macs) {
            int i = 0;
            while (i < n && first.charAt(i) == m.value().charAt(i)) {
                i++;
            }
            n = i;
        }
        return first.substring(0, n);
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
        return history.timed(operation, org, mac == null ? null : mac.value(), target, e.eventId(), attempt, request);
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

    private Uni<Map<MacAddress, DeviceRow>> deviceRows(java.util.Collection<MacAddress> macs) {
        return pool.preparedQuery("SELECT mac, organization_id, rps_device_id, rps_server_id, applied_version, status"
                + " FROM rps_device_state WHERE mac = ANY($1)")
                .execute(Tuple.of(macs.stream().map(MacAddress::value).toArray(String[]::new)))
                .map(rows -> {
                    Map<MacAddress, DeviceRow> out = new HashMap<>();
                    rows.forEach(r -> out.put(MacAddress.parse(r.getString(0).strip()), new DeviceRow(r.getUUID(1),
                            r.getString(2), r.getString(3), r.getLong(4), r.getString(5))));
                    return out;
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

    private static final String SAVE_DEVICE = "INSERT INTO rps_device_state (mac, organization_id, rps_device_id,"
            + " rps_server_id, applied_version, status, last_error) VALUES ($1, $2, $3, $4, $5, $6, $7)"
            + " ON CONFLICT (mac) DO UPDATE SET organization_id = EXCLUDED.organization_id,"
            + " rps_device_id = EXCLUDED.rps_device_id, rps_server_id = EXCLUDED.rps_server_id,"
            + " applied_version = GREATEST(rps_device_state.applied_version, EXCLUDED.applied_version),"
            + " status = EXCLUDED.status, last_error = EXCLUDED.last_error, updated_at = now()";

    Uni<Outcome> saveDevice(MacAddress mac, UUID org, String deviceId, String serverId, long version, String status,
            String error) {
        return pool.preparedQuery(SAVE_DEVICE).execute(deviceTuple(mac, org, deviceId, serverId, version, status,
                error)).replaceWith(Outcome.done());
    }

    private static Tuple deviceTuple(MacAddress mac, UUID org, String deviceId, String serverId, long version,
            String status, String error) {
        return Tuple.tuple().addString(mac.value()).addValue(org).addString(deviceId).addString(serverId)
                .addLong(version).addString(status).addString(error);
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
