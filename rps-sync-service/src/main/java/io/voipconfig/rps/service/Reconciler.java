package io.voipconfig.rps.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.rpssync.ReconciliationChange;
import io.voipconfig.common.rpssync.ReconciliationReport;
import io.voipconfig.rps.client.RedirectService;
import io.voipconfig.rps.client.RedirectService.Device;
import io.voipconfig.rps.client.RedirectService.Page;
import io.voipconfig.rps.client.RedirectService.Server;
import io.voipconfig.rps.client.RedirectService.ServerSpec;
import io.voipconfig.rps.client.RpsResult;
import io.voipconfig.rps.config.RpsSyncConfig;

/**
 * Compares RPS with the database and repairs the drift: a server missing for an organization, a device missing, on
 * the wrong server, or left on one of our servers without being in the database. A dry run reports the same changes
 * without making them. Devices in conflict (owned by another enterprise) are left alone.
 *
 * <p>Over 400 lines on purpose: the snapshot, the decision from the database as it is when the repair runs, and the
 * second read after the calls are one algorithm whose correctness rests on their order (docs/rps-sync.md,
 * "Reconciliation"); split across classes it would be harder to check, not easier.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    private static final int PAGE = 500;
    private static final int BATCH = 100;

    /**
     * An organization as the reconciliation reads it.
     *
     * @param partnerHost its partner's own provisioning host name, or null
     */
    public record Org(UUID id, String slug, String partnerHost, String username, String passwordEnc, boolean hasCa) {
    }

    /**
     * What a run starts from, read one after the other: the database's organizations, devices and conflicts, then
     * RPS's servers and devices. {@code only}: one organization (resync), or every one.
     */
    public record Snapshot(
            Instant taken,
            Optional<UUID> only,
            List<Org> organizations,
            Map<MacAddress, UUID> devices,
            Set<String> conflicts,
            List<Server> servers,
            List<Device> rpsDevices) {
    }

    private final Pool pool;
    private final RedirectService rps;
    private final MirrorState state;
    private final ServerSpecs specs;
    private final History history;
    private final RpsSyncConfig config;

    public Reconciler(Pool pool, RedirectService rps, MirrorState state, ServerSpecs specs, History history,
            RpsSyncConfig config) {
        this.pool = pool;
        this.rps = rps;
        this.state = state;
        this.specs = specs;
        this.history = history;
        this.config = config;
    }

    /** @param only one organization (resync), or every organization when empty */
    public Uni<ReconciliationReport> run(Optional<UUID> only, boolean dryRun) {
        return snapshot(only).flatMap(s -> repair(s, dryRun));
    }

    /** Reads the database, then RPS. */
    public Uni<Snapshot> snapshot(Optional<UUID> only) {
        Instant taken = Instant.now();
        return organizations(only).flatMap(orgs -> devices(only).flatMap(dbDevices -> conflicts().flatMap(
                conflicts -> allServers(0, new ArrayList<>()).flatMap(servers -> allDevices(0, new ArrayList<>())
                        .map(rpsDevices -> new Snapshot(taken, only, orgs, dbDevices, conflicts, servers,
                                rpsDevices))))));
    }

    /**
     * Repairs the drift the snapshot shows; what is done with each device is decided from the database as it is when
     * the repair runs (see {@link #repairDevices}), so a snapshot that is no longer current undoes nothing.
     */
    public Uni<ReconciliationReport> repair(Snapshot s, boolean dryRun) {
        long t0 = System.nanoTime();
        return repair(s.organizations(), s.devices(), s.conflicts(), s.servers(), s.rpsDevices(), dryRun, s.only())
                .map(changes -> new ReconciliationReport(dryRun, s.taken(),
                        Duration.between(s.taken(), Instant.now()).toMillis(), s.servers().size(),
                        s.rpsDevices().size(), changes))
                .invoke(r -> LOG.infof("reconciliation%s: %d change(s) over %d servers and %d devices in %d ms"
                        + " (repair %d ms)", dryRun ? " (dry run)" : "", r.changes().size(), r.serversSeen(),
                        r.devicesSeen(), r.durationMs(), (System.nanoTime() - t0) / 1_000_000));
    }

    private Uni<List<ReconciliationChange>> repair(List<Org> orgs, Map<MacAddress, UUID> dbDevices,
            Set<String> conflicts, List<Server> servers, List<Device> rpsDevices, boolean dryRun,
            Optional<UUID> only) {
        List<ReconciliationChange> changes = new ArrayList<>();
        Map<String, Server> byName = new HashMap<>();
        servers.forEach(s -> byName.put(s.name(), s));
        Map<UUID, String> serverOf = new LinkedHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Org org : orgs) {
            String name = specs.serverName(org.id());
            Server existing = byName.get(name);
            if (existing != null) {
                serverOf.put(org.id(), existing.id());
                if (!existing.url().equals(specs.url(org.slug(), org.partnerHost()))) {
                    chain = chain.flatMap(v -> editUrl(org.id(), existing, dryRun, changes));
                }
                continue;
            }
            chain = chain.flatMap(v -> {
                if (dryRun) {
                    changes.add(new ReconciliationChange("add server", org.id(), name, "dry run"));
                    return Uni.createFrom().voidItem();
                }
                // Read again first: an organization deleted since the snapshot (its server with it) gets none.
                return organizations(Optional.of(org.id())).flatMap(now -> {
                    if (now.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    Org o = now.get(0);
                    ServerSpec spec = specs.spec(o.id(), o.slug(), o.partnerHost(), o.username(), o.passwordEnc(),
                            o.hasCa());
                    return history.timed("server/add", o.id(), null, name, null, 1, () -> rps.addServer(spec))
                            .invoke(r -> {
                                changes.add(new ReconciliationChange("add server", o.id(), name, outcome(r)));
                                // Refused or failed: no server, so its devices wait for the next run.
                                r.fold(server -> serverOf.put(o.id(), server.id()), no -> null, reason -> null);
                            }).replaceWithVoid();
                });
            });
        }
        return chain.flatMap(v -> repairDevices(dbDevices, conflicts, serverOf, rpsDevices, dryRun, changes))
                .replaceWith(changes);
    }

    /**
     * A server whose URL is not the organization's: its slug or its partner's host name changed without the event
     * reaching RPS (a partner's change has no event at all), so phones would be sent to the old URL.
     */
    private Uni<Void> editUrl(UUID org, Server existing, boolean dryRun, List<ReconciliationChange> changes) {
        if (dryRun) {
            changes.add(new ReconciliationChange("edit server", org, existing.name(), "dry run"));
            return Uni.createFrom().voidItem();
        }
        return organizations(Optional.of(org)).flatMap(now -> {
            if (now.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Org o = now.get(0);
            ServerSpec spec = specs.spec(o.id(), o.slug(), o.partnerHost(), o.username(), o.passwordEnc(), o.hasCa());
            return history.timed("server/edit", o.id(), null, existing.name(), null, 1,
                    () -> rps.editServer(existing.id(), spec))
                    .invoke(r -> changes.add(new ReconciliationChange("edit server", o.id(), existing.name(),
                            outcome(r))))
                    .replaceWithVoid();
        });
    }

    /**
     * The devices. The two snapshots were read one after the other while the event path kept changing both: a device
     * created and mirrored between the reads looks like a stray on our server, one deleted meanwhile looks missing,
     * one moved looks misplaced — repairing from the snapshots would undo the event path's work (a reconciliation
     * that overlapped a bulk import removed 240 freshly mirrored phones from RPS). So the snapshots only name the
     * candidates; what is done with each is decided from the database as it is when the repair starts, and RPS
     * answering that a device is already there, or already gone, is harmless. Afterwards the candidates are read
     * again: any that changed while the calls ran is put right once more, from the newest state; a change committed
     * after that second read reaches RPS through the event path, after these calls.
     */
    private Uni<Void> repairDevices(Map<MacAddress, UUID> snapshot, Set<String> conflicts, Map<UUID, String> serverOf,
            List<Device> rpsDevices, boolean dryRun, List<ReconciliationChange> changes) {
        Set<String> ours = new HashSet<>(serverOf.values());
        Map<MacAddress, Device> inRps = new HashMap<>();
        rpsDevices.forEach(d -> inRps.put(d.mac(), d));
        Set<MacAddress> candidates = new LinkedHashSet<>();
        snapshot.forEach((mac, org) -> {
            String expected = serverOf.get(org);
            Device found = inRps.get(mac);
            if (expected != null && (found == null || !expected.equals(found.serverId()))) {
                candidates.add(mac);
            }
        });
        for (Device d : rpsDevices) {
            if (ours.contains(d.serverId()) && !snapshot.containsKey(d.mac())) {
                candidates.add(d.mac());
            }
        }
        candidates.removeIf(m -> conflicts.contains(m.value()));
        if (candidates.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return current(candidates).flatMap(before -> settle(candidates, before, inRps, serverOf, ours, dryRun, changes)
                .flatMap(v -> dryRun ? Uni.createFrom().voidItem() : current(candidates).flatMap(after -> {
                    Set<MacAddress> changed = new LinkedHashSet<>();
                    candidates.forEach(m -> {
                        if (!Objects.equals(before.get(m), after.get(m))) {
                            changed.add(m);
                        }
                    });
                    if (!changed.isEmpty()) {
                        LOG.infof("reconciliation: %d device(s) changed while being repaired; repairing them again",
                                changed.size());
                    }
                    return changed.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : settle(changed, after, inRps, serverOf, ours, false, changes);
                })));
    }

    /**
     * Brings RPS in line with {@code db} (MAC → organization, absent: not in the database) for {@code macs}, given
     * what RPS holds ({@code inRps}, updated with every call that succeeds): adds in batches per server, moves one by
     * one, removals from our servers in batches.
     */
    private Uni<Void> settle(Set<MacAddress> macs, Map<MacAddress, UUID> db, Map<MacAddress, Device> inRps,
            Map<UUID, String> serverOf, Set<String> ours, boolean dryRun, List<ReconciliationChange> changes) {
        Map<String, List<MacAddress>> toAdd = new LinkedHashMap<>();
        List<MacAddress> toMove = new ArrayList<>();
        Map<String, List<Device>> toRemove = new LinkedHashMap<>();
        for (MacAddress mac : macs) {
            UUID org = db.get(mac);
            Device found = inRps.get(mac);
            String expected = org == null ? null : serverOf.get(org);
            if (org != null && expected == null) {
                continue; // an organization that has no server yet: the event path or the next run adds it
            }
            if (expected != null && found == null) {
                toAdd.computeIfAbsent(expected, k -> new ArrayList<>()).add(mac);
            } else if (expected != null && !expected.equals(found.serverId())) {
                toMove.add(mac);
            } else if (org == null && found != null && ours.contains(found.serverId())) {
                toRemove.computeIfAbsent(found.serverId(), k -> new ArrayList<>()).add(found);
            }
        }
        Map<String, UUID> orgOfServer = new HashMap<>();
        serverOf.forEach((org, server) -> orgOfServer.put(server, org));
        Uni<Void> steps = Uni.createFrom().voidItem();
        for (MacAddress mac : toMove) {
            UUID org = db.get(mac);
            String expected = serverOf.get(org);
            Device found = inRps.get(mac);
            steps = steps.flatMap(x -> dryRun
                    ? note(changes, "move device", org, mac)
                    : history.timed("device/edit", org, mac.value(), expected, null, 1,
                            () -> rps.editDevice(found.id(), expected))
                            .flatMap(r -> {
                                if (r.ok()) {
                                    inRps.put(mac, new Device(found.id(), mac, expected));
                                }
                                return record(changes, "move device", org, mac, r, found.id(), expected);
                            }));
        }
        for (Map.Entry<String, List<MacAddress>> batch : toAdd.entrySet()) {
            List<MacAddress> all = batch.getValue();
            for (int i = 0; i < all.size(); i += BATCH) {
                List<MacAddress> part = all.subList(i, Math.min(all.size(), i + BATCH));
                steps = steps.flatMap(x -> dryRun
                        ? notes(changes, "add device", part, db::get)
                        : add(part, batch.getKey(), db, inRps, changes, true));
            }
        }
        for (Map.Entry<String, List<Device>> batch : toRemove.entrySet()) {
            UUID org = orgOfServer.get(batch.getKey());
            List<Device> all = batch.getValue();
            for (int i = 0; i < all.size(); i += BATCH) {
                List<Device> part = all.subList(i, Math.min(all.size(), i + BATCH));
                steps = steps.flatMap(x -> dryRun
                        ? notes(changes, "remove device", part.stream().map(Device::mac).toList(), m -> org)
                        : remove(part, org, inRps, changes));
            }
        }
        return steps;
    }

    /**
     * One {@code device/add} for the batch. Refused as a whole because a MAC is there already — usually the event path
     * added the batch since the snapshot — one {@code device/list} by the MACs' common prefix finds which are there
     * (as the event path adopts a batch); the rest are added again, one by one if refused again.
     */
    private Uni<Void> add(List<MacAddress> part, String server, Map<MacAddress, UUID> db, Map<MacAddress, Device> inRps,
            List<ReconciliationChange> changes, boolean adopt) {
        UUID org = db.get(part.get(0));
        return history.timedBatch("device/add", org, part.stream().map(MacAddress::value).toList(),
                server + (part.size() > 1 ? " (batch of " + part.size() + ")" : ""), null, 1,
                () -> rps.addDevices(part, server))
                .flatMap(r -> r.fold(
                        added -> saveAdded(added, server, db, inRps, changes),
                        no -> refusedAdd(part, server, db, inRps, changes, adopt, no),
                        reason -> notAdded(part, db, changes, r)));
    }

    private Uni<Void> saveAdded(List<Device> added, String server, Map<MacAddress, UUID> db,
            Map<MacAddress, Device> inRps, List<ReconciliationChange> changes) {
        Uni<Void> saves = Uni.createFrom().voidItem();
        for (Device d : added) {
            inRps.put(d.mac(), d);
            changes.add(new ReconciliationChange("add device", db.get(d.mac()), d.mac().value(), "OK"));
            saves = saves.flatMap(y -> state.saveDevice(d.mac(), db.get(d.mac()), d.id(), server, 0,
                    SyncStatus.SYNCED, null).replaceWithVoid());
        }
        return saves;
    }

    private Uni<Void> refusedAdd(List<MacAddress> part, String server, Map<MacAddress, UUID> db,
            Map<MacAddress, Device> inRps, List<ReconciliationChange> changes, boolean adopt,
            RpsResult.Refused<List<Device>> no) {
        if (no.alreadyExists()) {
            if (adopt) {
                return adopt(part, server, db, inRps, changes);
            }
            if (part.size() > 1) {
                return oneByOne(part, server, db, inRps, changes);
            }
        }
        return notAdded(part, db, changes, no);
    }

    private static Uni<Void> notAdded(List<MacAddress> part, Map<MacAddress, UUID> db,
            List<ReconciliationChange> changes, RpsResult<?> r) {
        part.forEach(m -> changes.add(new ReconciliationChange("add device", db.get(m), m.value(), outcome(r))));
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> oneByOne(List<MacAddress> part, String server, Map<MacAddress, UUID> db,
            Map<MacAddress, Device> inRps, List<ReconciliationChange> changes) {
        Uni<Void> each = Uni.createFrom().voidItem();
        for (MacAddress mac : part) {
            each = each.flatMap(y -> add(List.of(mac), server, db, inRps, changes, false));
        }
        return each;
    }

    /** The MACs of a refused batch that RPS has: on the server, kept (no change); elsewhere, moved; the rest added. */
    private Uni<Void> adopt(List<MacAddress> part, String server, Map<MacAddress, UUID> db,
            Map<MacAddress, Device> inRps, List<ReconciliationChange> changes) {
        String prefix = BatchMirror.commonPrefix(part);
        if (prefix.length() < BatchMirror.ADOPT_PREFIX) {
            return oneByOne(part, server, db, inRps, changes);
        }
        UUID org = db.get(part.get(0));
        return history.timed("device/list", org, null, "prefix " + prefix, null, 1,
                () -> rps.listDevices(prefix, 0, 5000)).flatMap(
                        r -> r.fold(
                                page -> page.total() > page.items().size()
                                        ? oneByOne(part, server, db, inRps, changes)
                                        : adoptListed(part, server, db, inRps, changes, page),
                                no -> oneByOne(part, server, db, inRps, changes),
                                reason -> oneByOne(part, server, db, inRps, changes)));
    }

    private Uni<Void> adoptListed(List<MacAddress> part, String server, Map<MacAddress, UUID> db,
            Map<MacAddress, Device> inRps, List<ReconciliationChange> changes, Page<Device> page) {
        Map<MacAddress, Device> found = new HashMap<>();
        page.items().forEach(d -> found.put(d.mac(), d));
        List<MacAddress> missing = new ArrayList<>();
        Uni<Void> steps = Uni.createFrom().voidItem();
        for (MacAddress mac : part) {
            Device d = found.get(mac);
            if (d == null) {
                missing.add(mac);
                continue;
            }
            inRps.put(mac, d);
            steps = steps.flatMap(y -> server.equals(d.serverId())
                    ? state.saveDevice(mac, db.get(mac), d.id(), server, 0, SyncStatus.SYNCED, null)
                            .replaceWithVoid()
                    : history.timed("device/edit", db.get(mac), mac.value(), server, null, 1,
                            () -> rps.editDevice(d.id(), server)).flatMap(e -> {
                                if (e.ok()) {
                                    inRps.put(mac, new Device(d.id(), mac, server));
                                }
                                return record(changes, "move device", db.get(mac), mac, e, d.id(), server);
                            }));
        }
        return steps.flatMap(y -> missing.isEmpty()
                ? Uni.createFrom().voidItem()
                : add(missing, server, db, inRps, changes, false));
    }

    /** One {@code device/delete} for the batch; refused as a whole (one is gone already), one call per device. */
    private Uni<Void> remove(List<Device> part, UUID org, Map<MacAddress, Device> inRps,
            List<ReconciliationChange> changes) {
        return history.timedBatch("device/delete", org, part.stream().map(d -> d.mac().value()).toList(),
                part.size() > 1 ? "batch of " + part.size() : part.get(0).mac().value(), null, 1,
                () -> rps.deleteDevices(part.stream().map(Device::id).toList()))
                .flatMap(r -> r.fold(
                        removed -> recordRemovals(part, org, inRps, changes, r),
                        no -> part.size() > 1 && no.notFound()
                                ? removeOneByOne(part, org, inRps, changes)
                                : recordRemovals(part, org, inRps, changes, r),
                        reason -> recordRemovals(part, org, inRps, changes, r)));
    }

    private Uni<Void> removeOneByOne(List<Device> part, UUID org, Map<MacAddress, Device> inRps,
            List<ReconciliationChange> changes) {
        Uni<Void> each = Uni.createFrom().voidItem();
        for (Device d : part) {
            each = each.flatMap(y -> remove(List.of(d), org, inRps, changes));
        }
        return each;
    }

    private Uni<Void> recordRemovals(List<Device> part, UUID org, Map<MacAddress, Device> inRps,
            List<ReconciliationChange> changes, RpsResult<Void> r) {
        Uni<Void> saves = Uni.createFrom().voidItem();
        for (Device d : part) {
            if (r.ok()) {
                inRps.remove(d.mac());
            }
            saves = saves.flatMap(y -> record(changes, "remove device", org, d.mac(), r, null, null));
        }
        return saves;
    }

    private static Uni<Void> notes(List<ReconciliationChange> changes, String action, List<MacAddress> macs,
            Function<MacAddress, UUID> orgOf) {
        macs.forEach(m -> changes.add(new ReconciliationChange(action, orgOf.apply(m), m.value(), "dry run")));
        return Uni.createFrom().voidItem();
    }

    /** The organization of each of {@code macs} in the database now (absent: not in the database). */
    private Uni<Map<MacAddress, UUID>> current(Set<MacAddress> macs) {
        List<MacAddress> list = new ArrayList<>(macs);
        Map<MacAddress, UUID> out = new HashMap<>();
        Uni<Void> reads = Uni.createFrom().voidItem();
        for (int i = 0; i < list.size(); i += 1000) {
            String[] part = list.subList(i, Math.min(list.size(), i + 1000)).stream().map(MacAddress::value)
                    .toArray(String[]::new);
            reads = reads.flatMap(v -> pool.preparedQuery("SELECT mac, organization_id FROM device WHERE mac = ANY($1)")
                    .execute(Tuple.tuple().addArrayOfString(part)).invoke(rows -> rows
                            .forEach(r -> out.put(new MacAddress(r.getString(0)), r.getUUID(1))))
                    .replaceWithVoid());
        }
        return reads.replaceWith(out);
    }

    private static Uni<Void> note(List<ReconciliationChange> changes, String action, UUID org, MacAddress mac) {
        changes.add(new ReconciliationChange(action, org, mac.value(), "dry run"));
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> record(List<ReconciliationChange> changes, String action, UUID org, MacAddress mac,
            RpsResult<?> r, String deviceId, String serverId) {
        changes.add(new ReconciliationChange(action, org, mac.value(), outcome(r)));
        if (!r.ok() || org == null) {
            return Uni.createFrom().voidItem();
        }
        return state.saveDevice(mac, org, deviceId, serverId, 0,
                deviceId == null ? SyncStatus.DELETED : SyncStatus.SYNCED, null)
                .replaceWithVoid();
    }

    private static String outcome(RpsResult<?> r) {
        return r.fold(done -> "OK", no -> "refused: " + no.key(), reason -> "failed: " + reason);
    }

    private Uni<List<Org>> organizations(Optional<UUID> only) {
        String sql = "SELECT o.id, o.slug, p.provisioning_host, o.provisioning_username, o.provisioning_password_enc,"
                + " coalesce(o.ca_certificate, '') <> '' FROM organization o JOIN partner p ON p.id = o.partner_id"
                + (only.isPresent() ? " WHERE o.id = $1" : "");
        return (only.isPresent()
                ? pool.preparedQuery(sql).execute(Tuple.of(only.get()))
                : pool.query(sql).execute()).map(rows -> {
                    List<Org> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Org(r.getUUID(0), r.getString(1), r.getString(2), r.getString(3),
                            r.getString(4), r.getBoolean(5))));
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
                () -> rps.listServers(config.sync().serverNamePrefix(), skip, PAGE)).flatMap(
                        r -> r.fold(
                                page -> {
                                    acc.addAll(page.items());
                                    return page.items().size() < PAGE || acc.size() >= page.total()
                                            ? Uni.createFrom().item(acc)
                                            : allServers(skip + PAGE, acc);
                                },
                                no -> cannotList("servers", r),
                                reason -> cannotList("servers", r)));
    }

    private Uni<List<Device>> allDevices(int skip, List<Device> acc) {
        return history.timed("device/list", null, null, "page " + skip, null, 1,
                () -> rps.listDevices(null, skip, PAGE)).flatMap(
                        r -> r.fold(
                                page -> {
                                    acc.addAll(page.items());
                                    return page.items().size() < PAGE || acc.size() >= page.total()
                                            ? Uni.createFrom().item(acc)
                                            : allDevices(skip + PAGE, acc);
                                },
                                no -> cannotList("devices", r),
                                reason -> cannotList("devices", r)));
    }

    private static <T> Uni<T> cannotList(String what, RpsResult<?> r) {
        return Uni.createFrom().failure(new IllegalStateException("cannot list RPS " + what + ": " + outcome(r)));
    }
}
