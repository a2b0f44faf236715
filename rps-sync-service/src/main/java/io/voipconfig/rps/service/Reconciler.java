package io.voipconfig.rps.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.common.crypto.SecretCipher;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.rps.client.RedirectService;
import io.voipconfig.rps.client.RedirectService.Device;
import io.voipconfig.rps.client.RedirectService.Server;
import io.voipconfig.rps.client.RedirectService.ServerSpec;
import io.voipconfig.rps.client.RpsResult;
import io.voipconfig.rps.config.RpsSyncConfig;

/**
 * Compares RPS with the database and repairs the drift: a server missing for an organization, a device missing, on
 * the wrong server, or left on one of our servers without being in the database. A dry run reports the same changes
 * without making them. Devices in conflict (owned by another enterprise) are left alone.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    private static final int PAGE = 500;

    /** One repair (made, or to be made in a dry run). */
    public record Change(String action, UUID organizationId, String target, String outcome) {
    }

    public record Report(boolean dryRun, Instant started, long durationMs, int serversSeen, int devicesSeen,
            List<Change> changes) {
    }

    private record Org(UUID id, String slug, String username, String passwordEnc, boolean hasCa) {
    }

    private final Pool pool;
    private final RedirectService rps;
    private final Mirror mirror;
    private final History history;
    private final SecretCipher cipher;
    private final RpsSyncConfig config;

    public Reconciler(Pool pool, RedirectService rps, Mirror mirror, History history, SecretCipher cipher,
            RpsSyncConfig config) {
        this.pool = pool;
        this.rps = rps;
        this.mirror = mirror;
        this.history = history;
        this.cipher = cipher;
        this.config = config;
    }

    /** @param only one organization (resync), or every organization when empty */
    public Uni<Report> run(Optional<UUID> only, boolean dryRun) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        return organizations(only).flatMap(orgs -> devices(only).flatMap(dbDevices -> conflicts().flatMap(
                conflicts -> allServers(0, new ArrayList<>()).flatMap(servers -> allDevices(0, new ArrayList<>())
                        .flatMap(rpsDevices -> repair(orgs, dbDevices, conflicts, servers, rpsDevices, dryRun, only)
                                .map(changes -> new Report(dryRun, started, (System.nanoTime() - t0) / 1_000_000,
                                        servers.size(), rpsDevices.size(), changes)))))))
                .invoke(r -> LOG.infof("reconciliation%s: %d change(s) over %d servers and %d devices",
                        dryRun ? " (dry run)" : "", r.changes().size(), r.serversSeen(), r.devicesSeen()));
    }

    private Uni<List<Change>> repair(List<Org> orgs, Map<MacAddress, UUID> dbDevices, Set<String> conflicts,
            List<Server> servers, List<Device> rpsDevices, boolean dryRun, Optional<UUID> only) {
        List<Change> changes = new ArrayList<>();
        Map<String, Server> byName = new HashMap<>();
        servers.forEach(s -> byName.put(s.name(), s));
        Map<UUID, String> serverOf = new LinkedHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Org org : orgs) {
            String name = mirror.serverName(org.id());
            Server existing = byName.get(name);
            if (existing != null) {
                serverOf.put(org.id(), existing.id());
                continue;
            }
            chain = chain.flatMap(v -> {
                if (dryRun) {
                    changes.add(new Change("add server", org.id(), name, "dry run"));
                    return Uni.createFrom().voidItem();
                }
                String url = config.urls().provisioning().replaceAll("/+$", "") + "/o/" + org.slug() + "/";
                ServerSpec spec = new ServerSpec(name, url, org.username(), cipher.decrypt(org.passwordEnc(),
                        "organization/" + org.id() + "/provisioning-password"), org.hasCa() ? url + "ca.pem" : null);
                return history.timed("server/add", org.id(), null, name, null, 1, () -> rps.addServer(spec))
                        .invoke(r -> {
                            changes.add(new Change("add server", org.id(), name, outcome(r)));
                            if (r instanceof RpsResult.Ok<Server> ok) {
                                serverOf.put(org.id(), ok.value().id());
                            }
                        }).replaceWithVoid();
            });
        }
        return chain.flatMap(v -> {
            Map<MacAddress, Device> rpsByMac = new HashMap<>();
            rpsDevices.forEach(d -> rpsByMac.put(d.mac(), d));
            Set<String> ours = new HashSet<>(serverOf.values());
            Uni<Void> steps = Uni.createFrom().voidItem();
            Map<String, List<MacAddress>> toAdd = new LinkedHashMap<>();
            for (Map.Entry<MacAddress, UUID> e : dbDevices.entrySet()) {
                MacAddress mac = e.getKey();
                String expected = serverOf.get(e.getValue());
                if (expected == null || conflicts.contains(mac.value())) {
                    continue;
                }
                Device found = rpsByMac.get(mac);
                if (found == null) {
                    toAdd.computeIfAbsent(expected, k -> new ArrayList<>()).add(mac);
                } else if (!expected.equals(found.serverId())) {
                    steps = steps.flatMap(x -> dryRun
                            ? note(changes, "move device", e.getValue(), mac)
                            : history.timed("device/edit", e.getValue(), mac.value(), expected, null, 1,
                                    () -> rps.editDevice(found.id(), expected))
                                    .flatMap(r -> record(changes, "move device", e.getValue(), mac, r, found.id(),
                                            expected)));
                }
            }
            for (Map.Entry<String, List<MacAddress>> batch : toAdd.entrySet()) {
                List<MacAddress> macs = batch.getValue();
                for (int i = 0; i < macs.size(); i += 100) {
                    List<MacAddress> part = macs.subList(i, Math.min(macs.size(), i + 100));
                    steps = steps.flatMap(x -> {
                        if (dryRun) {
                            part.forEach(m -> changes.add(new Change("add device", dbDevices.get(m), m.value(),
                                    "dry run")));
                            return Uni.createFrom().voidItem();
                        }
                        UUID org = dbDevices.get(part.get(0));
                        return history.timedBatch("device/add", org, part.stream().map(MacAddress::value).toList(),
                                batch.getKey() + " (batch of " + part.size() + ")", null, 1,
                                () -> rps.addDevices(part, batch.getKey()))
                                .flatMap(r -> {
                                    if (r instanceof RpsResult.Ok<List<Device>> ok) {
                                        Uni<Void> saves = Uni.createFrom().voidItem();
                                        for (Device d : ok.value()) {
                                            changes.add(new Change("add device", dbDevices.get(d.mac()),
                                                    d.mac().value(), "OK"));
                                            saves = saves.flatMap(y -> mirror.saveDevice(d.mac(),
                                                    dbDevices.get(d.mac()), d.id(), batch.getKey(), 0, "SYNCED",
                                                    null).replaceWithVoid());
                                        }
                                        return saves;
                                    }
                                    part.forEach(m -> changes.add(new Change("add device", dbDevices.get(m),
                                            m.value(), outcome(r))));
                                    return Uni.createFrom().voidItem();
                                });
                    });
                }
            }
            for (Device d : rpsDevices) {
                if (ours.contains(d.serverId()) && !dbDevices.containsKey(d.mac())) {
                    UUID org = serverOf.entrySet().stream().filter(x -> x.getValue().equals(d.serverId()))
                            .map(Map.Entry::getKey).findFirst().orElse(null);
                    steps = steps.flatMap(x -> dryRun
                            ? note(changes, "remove device", org, d.mac())
                            : history.timed("device/delete", org, d.mac().value(), d.mac().value(), null, 1,
                                    () -> rps.deleteDevices(List.of(d.id())))
                                    .flatMap(r -> record(changes, "remove device", org, d.mac(), r, null, null)));
                }
            }
            return steps.replaceWith(changes);
        });
    }

    private static Uni<Void> note(List<Change> changes, String action, UUID org, MacAddress mac) {
        changes.add(new Change(action, org, mac.value(), "dry run"));
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> record(List<Change> changes, String action, UUID org, MacAddress mac, RpsResult<?> r,
            String deviceId, String serverId) {
        changes.add(new Change(action, org, mac.value(), outcome(r)));
        if (!r.ok() || org == null) {
            return Uni.createFrom().voidItem();
        }
        return mirror.saveDevice(mac, org, deviceId, serverId, 0, deviceId == null ? "DELETED" : "SYNCED", null)
                .replaceWithVoid();
    }

    private static String outcome(RpsResult<?> r) {
        if (r instanceof RpsResult.Refused<?> no) {
            return "refused: " + no.key();
        }
        if (r instanceof RpsResult.Transient<?> t) {
            return "failed: " + t.reason();
        }
        return "OK";
    }

    private Uni<List<Org>> organizations(Optional<UUID> only) {
        String sql = "SELECT id, slug, provisioning_username, provisioning_password_enc,"
                + " coalesce(ca_certificate, '') <> '' FROM organization" + (only.isPresent() ? " WHERE id = $1" : "");
        return (only.isPresent()
                ? pool.preparedQuery(sql).execute(Tuple.of(only.get()))
                : pool.query(sql).execute()).map(rows -> {
                    List<Org> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Org(r.getUUID(0), r.getString(1), r.getString(2), r.getString(3),
                            r.getBoolean(4))));
                    return out;
                });
    }

    private Uni<Map<MacAddress, UUID>> devices(Optional<UUID> only) {
        String sql = "SELECT mac, organization_id FROM device"
                + (only.isPresent() ? " WHERE organization_id = $1" : "");
        return (only.isPresent()
                ? pool.preparedQuery(sql).execute(Tuple.of(only.get()))
                : pool.query(sql).execute()).map(rows -> {
                    Map<MacAddress, UUID> out = new LinkedHashMap<>();
                    rows.forEach(r -> out.put(new MacAddress(r.getString(0)), r.getUUID(1)));
                    return out;
                });
    }

    private Uni<Set<String>> conflicts() {
        return pool.query("SELECT mac FROM rps_device_state WHERE status = 'CONFLICT'").execute().map(rows -> {
            Set<String> out = new HashSet<>();
            rows.forEach(r -> out.add(r.getString(0)));
            return out;
        });
    }

    private Uni<List<Server>> allServers(int skip, List<Server> acc) {
        return history.timed("server/list", null, null, "page " + skip, null, 1,
                () -> rps.listServers(config.sync().serverNamePrefix(), skip, PAGE)).flatMap(r -> {
                    if (!(r instanceof RpsResult.Ok<RedirectService.Page<Server>> ok)) {
                        return Uni.createFrom().failure(new IllegalStateException("cannot list RPS servers: "
                                + outcome(r)));
                    }
                    acc.addAll(ok.value().items());
                    return ok.value().items().size() < PAGE || acc.size() >= ok.value().total()
                            ? Uni.createFrom().item(acc)
                            : allServers(skip + PAGE, acc);
                });
    }

    private Uni<List<Device>> allDevices(int skip, List<Device> acc) {
        return history.timed("device/list", null, null, "page " + skip, null, 1,
                () -> rps.listDevices(null, skip, PAGE)).flatMap(r -> {
                    if (!(r instanceof RpsResult.Ok<RedirectService.Page<Device>> ok)) {
                        return Uni.createFrom().failure(new IllegalStateException("cannot list RPS devices: "
                                + outcome(r)));
                    }
                    acc.addAll(ok.value().items());
                    return ok.value().items().size() < PAGE || acc.size() >= ok.value().total()
                            ? Uni.createFrom().item(acc)
                            : allDevices(skip + PAGE, acc);
                });
    }
}
