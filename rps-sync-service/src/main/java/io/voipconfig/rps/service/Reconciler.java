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
 * Compares RPS with the database and repairs the drift: a server missing for an organization or with another URL, a
 * device missing, on the wrong server, or left on one of our servers without being in the database, and a device our
 * state calls failed that RPS has where it belongs (adopted). The {@link Plan} says what to do before anything is done:
 * a dry run reports it, a repair carries it out. Devices in conflict (owned by another enterprise) are left alone.
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
    private static final String ADD_SERVER = ReconciliationChange.ADD_SERVER;
    private static final String EDIT_SERVER = ReconciliationChange.EDIT_SERVER;
    private static final String ADD_DEVICE = ReconciliationChange.ADD_DEVICE;
    private static final String MOVE_DEVICE = ReconciliationChange.MOVE_DEVICE;
    private static final String REMOVE_DEVICE = ReconciliationChange.REMOVE_DEVICE;
    private static final String ADOPT_DEVICE = ReconciliationChange.ADOPT_DEVICE;
    private static final String DRY_RUN = ReconciliationChange.DRY_RUN;

    /**
     * An organization as the reconciliation reads it.
     *
     * @param partnerHost its partner's own provisioning host name, or null
     */
    public record Org(UUID id, String slug, String partnerHost, String username, String passwordEnc, boolean hasCa) {
    }

    /**
     * What a run starts from, read one after the other: the database's organizations, devices and conflicts, then
     * RPS's servers and devices. {@code only}: one organization (resync), or every one. {@code conflicts} and
     * {@code failed}: MACs whose mirror state is {@code CONFLICT} (left alone) or {@code FAILED} (adopted when RPS has
     * them where they belong).
     */
    public record Snapshot(
            Instant taken,
            Optional<UUID> only,
            List<Org> organizations,
            Map<MacAddress, UUID> devices,
            Set<String> conflicts,
            Set<String> failed,
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
        return organizations(only).flatMap(orgs -> devices(only).flatMap(dbDevices -> unsynced(only).flatMap(
                unsynced -> allServers(0, new ArrayList<>()).flatMap(servers -> allDevices(0, new ArrayList<>())
                        .map(rpsDevices -> new Snapshot(taken, only, orgs, dbDevices,
                                unsynced.getOrDefault("CONFLICT", Set.of()), unsynced.getOrDefault("FAILED", Set.of()),
                                servers, rpsDevices))))));
    }

    /**
     * What the reconciliation of a snapshot would do, decided before any call: the servers to add and to edit, then
     * (given the servers RPS has now) the devices to add, move, remove or adopt. A dry run reports it; a repair runs
     * the server part, decides the device part again with the servers it added, runs it, and repeats the decision for
     * devices that changed meanwhile — the same {@link #planServers} and {@link #planDevices} in both.
     */
    public record Plan(ServerPlan servers, DevicePlan devices) {

        /** Every change of the plan, as a report lists it ({@code dry run} as the outcome). */
        public List<ReconciliationChange> findings() {
            List<ReconciliationChange> out = new ArrayList<>(servers.findings());
            out.addAll(devices.findings());
            return out;
        }
    }

    /**
     * @param serverOf the RPS server id of each organization whose server RPS has
     * @param add organizations without a server at RPS, with the name it is to have
     * @param edit organizations whose server's URL is not theirs, with that server
     */
    public record ServerPlan(Map<UUID, String> serverOf, Map<Org, String> add, Map<Org, Server> edit) {

        List<ReconciliationChange> findings() {
            List<ReconciliationChange> out = new ArrayList<>();
            edit.forEach((org, server) -> out.add(new ReconciliationChange(EDIT_SERVER, org.id(), server.name(),
                    DRY_RUN)));
            add.forEach((org, name) -> out.add(new ReconciliationChange(ADD_SERVER, org.id(), name, DRY_RUN)));
            return out;
        }
    }

    /**
     * What is to be done with the devices, decided from the database as it is ({@code db}: MAC → organization,
     * absent: not in the database) and what RPS holds.
     *
     * @param candidates the MACs the snapshot shows as drift, which the decision was made for
     * @param add per RPS server, the MACs it lacks
     * @param move devices on the wrong server (MAC → the RPS device as found)
     * @param remove per one of our RPS servers, the devices on it that the database does not have
     * @param adopt devices RPS has where they belong while our state says {@code FAILED}: recorded as synced, no call
     */
    public record DevicePlan(
            Set<MacAddress> candidates,
            Map<MacAddress, UUID> db,
            Map<UUID, String> serverOf,
            Map<String, List<MacAddress>> add,
            Map<MacAddress, Device> move,
            Map<String, List<Device>> remove,
            Map<MacAddress, Device> adopt) {

        static DevicePlan empty(Map<UUID, String> serverOf) {
            return new DevicePlan(Set.of(), Map.of(), serverOf, Map.of(), Map.of(), Map.of(), Map.of());
        }

        List<ReconciliationChange> findings() {
            Map<String, UUID> orgOfServer = new HashMap<>();
            serverOf.forEach((org, server) -> orgOfServer.put(server, org));
            List<ReconciliationChange> out = new ArrayList<>();
            move.keySet().forEach(m -> out.add(new ReconciliationChange(MOVE_DEVICE, db.get(m), m.value(), DRY_RUN)));
            add.values().forEach(macs -> macs.forEach(
                    m -> out.add(new ReconciliationChange(ADD_DEVICE, db.get(m), m.value(), DRY_RUN))));
            remove.forEach((server, devices) -> devices.forEach(d -> out.add(
                    new ReconciliationChange(REMOVE_DEVICE, orgOfServer.get(server), d.mac().value(), DRY_RUN))));
            adopt.keySet()
                    .forEach(m -> out.add(new ReconciliationChange(ADOPT_DEVICE, db.get(m), m.value(), DRY_RUN)));
            return out;
        }
    }

    /** The snapshot's plan, without a call to RPS (the database is read once more: see {@link #planDevices}). */
    public Uni<Plan> plan(Snapshot s) {
        ServerPlan servers = planServers(s);
        return planDevices(s, servers.serverOf()).map(devices -> new Plan(servers, devices));
    }

    /**
     * Repairs the drift the snapshot shows; what is done with each device is decided from the database as it is when
     * the repair runs (see {@link #planDevices}), so a snapshot that is no longer current undoes nothing. A dry run
     * reports the {@link #plan} instead.
     */
    public Uni<ReconciliationReport> repair(Snapshot s, boolean dryRun) {
        long t0 = System.nanoTime();
        return (dryRun ? plan(s).map(Plan::findings) : execute(s))
                .map(changes -> new ReconciliationReport(dryRun, s.taken(),
                        Duration.between(s.taken(), Instant.now()).toMillis(), s.servers().size(),
                        s.rpsDevices().size(), changes))
                .invoke(r -> LOG.infof("reconciliation%s: %d change(s) over %d servers and %d devices in %d ms"
                        + " (repair %d ms)", dryRun ? " (dry run)" : "", r.changes().size(), r.serversSeen(),
                        r.devicesSeen(), r.durationMs(), (System.nanoTime() - t0) / 1_000_000));
    }

    /** The servers RPS has for the snapshot's organizations, those it lacks, and those with another URL. */
    ServerPlan planServers(Snapshot s) {
        Map<String, Server> byName = new HashMap<>();
        s.servers().forEach(server -> byName.put(server.name(), server));
        Map<UUID, String> serverOf = new LinkedHashMap<>();
        Map<Org, String> add = new LinkedHashMap<>();
        Map<Org, Server> edit = new LinkedHashMap<>();
        for (Org org : s.organizations()) {
            String name = specs.serverName(org.id());
            Server existing = byName.get(name);
            if (existing == null) {
                add.put(org, name);
                continue;
            }
            serverOf.put(org.id(), existing.id());
            if (!existing.url().equals(specs.url(org.slug(), org.partnerHost()))) {
                edit.put(org, existing);
            }
        }
        return new ServerPlan(serverOf, add, edit);
    }

    private Uni<List<ReconciliationChange>> execute(Snapshot s) {
        List<ReconciliationChange> changes = new ArrayList<>();
        ServerPlan servers = planServers(s);
        Map<UUID, String> serverOf = new LinkedHashMap<>(servers.serverOf());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<Org, Server> e : servers.edit().entrySet()) {
            chain = chain.flatMap(v -> editUrl(e.getKey().id(), e.getValue(), changes));
        }
        for (Org org : servers.add().keySet()) {
            chain = chain.flatMap(v -> addServer(org.id(), serverOf, changes));
        }
        return chain.flatMap(v -> planDevices(s, serverOf)).flatMap(plan -> executeDevices(s, plan, changes))
                .replaceWith(changes);
    }

    private Uni<Void> addServer(UUID id, Map<UUID, String> serverOf, List<ReconciliationChange> changes) {
        String name = specs.serverName(id);
        // Read again first: an organization deleted since the snapshot (its server with it) gets none.
        return organizations(Optional.of(id)).flatMap(now -> {
            if (now.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Org o = now.get(0);
            ServerSpec spec = specs.spec(o.id(), o.slug(), o.partnerHost(), o.username(), o.passwordEnc(), o.hasCa());
            return history.timed("server/add", o.id(), null, name, null, 1, () -> rps.addServer(spec))
                    .invoke(r -> {
                        changes.add(new ReconciliationChange(ADD_SERVER, o.id(), name, outcome(r)));
                        // Refused or failed: no server, so its devices wait for the next run.
                        r.fold(server -> serverOf.put(o.id(), server.id()), no -> null, reason -> null);
                    }).replaceWithVoid();
        });
    }

    /**
     * A server whose URL is not the organization's: its slug or its partner's host name changed without the event
     * reaching RPS (a partner's change has no event at all), so phones would be sent to the old URL.
     */
    private Uni<Void> editUrl(UUID org, Server existing, List<ReconciliationChange> changes) {
        return organizations(Optional.of(org)).flatMap(now -> {
            if (now.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Org o = now.get(0);
            ServerSpec spec = specs.spec(o.id(), o.slug(), o.partnerHost(), o.username(), o.passwordEnc(), o.hasCa());
            return history.timed("server/edit", o.id(), null, existing.name(), null, 1,
                    () -> rps.editServer(existing.id(), spec))
                    .invoke(r -> changes.add(new ReconciliationChange(EDIT_SERVER, o.id(), existing.name(),
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
     * answering that a device is already there, or already gone, is harmless.
     */
    private Uni<DevicePlan> planDevices(Snapshot s, Map<UUID, String> serverOf) {
        Set<MacAddress> candidates = candidates(s, serverOf);
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(DevicePlan.empty(serverOf));
        }
        return current(candidates).map(db -> decide(candidates, candidates, db, inRps(s), serverOf, s.failed()));
    }

    /** MACs where the snapshot's two halves disagree (devices in conflict left alone), and failed ones. */
    private static Set<MacAddress> candidates(Snapshot s, Map<UUID, String> serverOf) {
        Set<String> ours = new HashSet<>(serverOf.values());
        Map<MacAddress, Device> inRps = inRps(s);
        Set<MacAddress> candidates = new LinkedHashSet<>();
        s.devices().forEach((mac, org) -> {
            String expected = serverOf.get(org);
            Device found = inRps.get(mac);
            if (expected != null && (found == null || !expected.equals(found.serverId())
                    || s.failed().contains(mac.value()))) {
                candidates.add(mac);
            }
        });
        for (Device d : s.rpsDevices()) {
            if (ours.contains(d.serverId()) && !s.devices().containsKey(d.mac())) {
                candidates.add(d.mac());
            }
        }
        candidates.removeIf(m -> s.conflicts().contains(m.value()));
        return candidates;
    }

    private static Map<MacAddress, Device> inRps(Snapshot s) {
        Map<MacAddress, Device> inRps = new HashMap<>();
        s.rpsDevices().forEach(d -> inRps.put(d.mac(), d));
        return inRps;
    }

    /**
     * What to do to bring RPS in line with {@code db} for {@code macs}, given what RPS holds: adds per server, moves,
     * removals from our servers per server, and failed devices RPS has where they belong (adopted).
     */
    private static DevicePlan decide(Set<MacAddress> candidates, Set<MacAddress> macs, Map<MacAddress, UUID> db,
            Map<MacAddress, Device> inRps, Map<UUID, String> serverOf, Set<String> failed) {
        Set<String> ours = new HashSet<>(serverOf.values());
        Map<String, List<MacAddress>> toAdd = new LinkedHashMap<>();
        Map<MacAddress, Device> toMove = new LinkedHashMap<>();
        Map<String, List<Device>> toRemove = new LinkedHashMap<>();
        Map<MacAddress, Device> toAdopt = new LinkedHashMap<>();
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
                toMove.put(mac, found);
            } else if (expected != null && failed.contains(mac.value())) {
                toAdopt.put(mac, found);
            } else if (org == null && found != null && ours.contains(found.serverId())) {
                toRemove.computeIfAbsent(found.serverId(), k -> new ArrayList<>()).add(found);
            }
        }
        return new DevicePlan(candidates, db, serverOf, toAdd, toMove, toRemove, toAdopt);
    }

    /**
     * Runs the device plan; afterwards the candidates are read again: any that changed while the calls ran is put
     * right once more, from the newest state; a change committed after that second read reaches RPS through the event
     * path, after these calls.
     */
    private Uni<Void> executeDevices(Snapshot s, DevicePlan plan, List<ReconciliationChange> changes) {
        Set<MacAddress> candidates = plan.candidates();
        if (candidates.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<MacAddress, Device> inRps = inRps(s);
        return settle(plan, inRps, changes).flatMap(v -> current(candidates).flatMap(after -> {
            Set<MacAddress> changed = new LinkedHashSet<>();
            candidates.forEach(m -> {
                if (!Objects.equals(plan.db().get(m), after.get(m))) {
                    changed.add(m);
                }
            });
            if (changed.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            LOG.infof("reconciliation: %d device(s) changed while being repaired; repairing them again",
                    changed.size());
            return settle(decide(changed, changed, after, inRps, plan.serverOf(), Set.of()), inRps, changes);
        }));
    }

    /**
     * Makes the plan's calls, updating {@code inRps} with every call that succeeds: moves one by one, adds in
     * batches per server, removals from our servers in batches, adoptions without a call.
     */
    private Uni<Void> settle(DevicePlan plan, Map<MacAddress, Device> inRps, List<ReconciliationChange> changes) {
        Map<MacAddress, UUID> db = plan.db();
        Map<String, UUID> orgOfServer = new HashMap<>();
        plan.serverOf().forEach((org, server) -> orgOfServer.put(server, org));
        Uni<Void> steps = Uni.createFrom().voidItem();
        for (Map.Entry<MacAddress, Device> move : plan.move().entrySet()) {
            MacAddress mac = move.getKey();
            Device found = move.getValue();
            UUID org = db.get(mac);
            String expected = plan.serverOf().get(org);
            steps = steps.flatMap(x -> history.timed("device/edit", org, mac.value(), expected, null, 1,
                    () -> rps.editDevice(found.id(), expected))
                    .flatMap(r -> {
                        if (r.ok()) {
                            inRps.put(mac, new Device(found.id(), mac, expected));
                        }
                        return record(changes, MOVE_DEVICE, org, mac, r, found.id(), expected);
                    }));
        }
        for (Map.Entry<String, List<MacAddress>> batch : plan.add().entrySet()) {
            List<MacAddress> all = batch.getValue();
            for (int i = 0; i < all.size(); i += BATCH) {
                List<MacAddress> part = all.subList(i, Math.min(all.size(), i + BATCH));
                steps = steps.flatMap(x -> add(part, batch.getKey(), db, inRps, changes, true));
            }
        }
        for (Map.Entry<String, List<Device>> batch : plan.remove().entrySet()) {
            UUID org = orgOfServer.get(batch.getKey());
            List<Device> all = batch.getValue();
            for (int i = 0; i < all.size(); i += BATCH) {
                List<Device> part = all.subList(i, Math.min(all.size(), i + BATCH));
                steps = steps.flatMap(x -> remove(part, org, inRps, changes));
            }
        }
        for (Map.Entry<MacAddress, Device> adopt : plan.adopt().entrySet()) {
            Device d = adopt.getValue();
            UUID org = db.get(adopt.getKey());
            steps = steps.flatMap(x -> {
                changes.add(new ReconciliationChange(ADOPT_DEVICE, org, d.mac().value(), "OK"));
                return state.saveDevice(d.mac(), org, d.id(), d.serverId(), 0, SyncStatus.SYNCED, null)
                        .replaceWithVoid();
            });
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
            changes.add(new ReconciliationChange(ADD_DEVICE, db.get(d.mac()), d.mac().value(), "OK"));
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
        part.forEach(m -> changes.add(new ReconciliationChange(ADD_DEVICE, db.get(m), m.value(), outcome(r))));
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
                                return record(changes, MOVE_DEVICE, db.get(mac), mac, e, d.id(), server);
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
            saves = saves.flatMap(y -> record(changes, REMOVE_DEVICE, org, d.mac(), r, null, null));
        }
        return saves;
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

    /**
     * The MACs in {@code CONFLICT} (of every organization: a MAC in conflict is left alone wherever it is) and those in
     * {@code FAILED} (of the organizations read), by status.
     */
    private Uni<Map<String, Set<String>>> unsynced(Optional<UUID> only) {
        String sql = "SELECT mac, status FROM rps_device_state WHERE status = 'CONFLICT' OR (status = 'FAILED'"
                + (only.isPresent() ? " AND organization_id = $1)" : ")");
        return (only.isPresent()
                ? pool.preparedQuery(sql).execute(Tuple.of(only.get()))
                : pool.query(sql).execute()).map(rows -> {
                    Map<String, Set<String>> out = new HashMap<>();
                    rows.forEach(r -> out.computeIfAbsent(r.getString(1), k -> new HashSet<>()).add(r.getString(0)));
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
