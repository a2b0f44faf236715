package io.voipconfig.rps.service;

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

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.rps.client.RedirectService;
import io.voipconfig.rps.client.RedirectService.Device;
import io.voipconfig.rps.client.RedirectService.Page;
import io.voipconfig.rps.client.RpsResult;
import io.voipconfig.rps.service.MirrorState.DeviceRow;

/**
 * Runs of device events of one organization in one RPS call each: new devices in one {@code device/add} of up to
 * {@link #MAX_BATCH} MACs, deletions in one {@code device/delete}; a batch RPS already has (re-sent after a timeout or a
 * crash) is adopted with one listing. What a batch cannot settle is left to {@link DeviceMirror}, one event at a time.
 */
@ApplicationScoped
public class BatchMirror {

    private final RedirectService rps;
    private final MirrorState state;
    private final History history;

    public BatchMirror(RedirectService rps, MirrorState state, History history) {
        this.rps = rps;
        this.state = state;
        this.history = history;
    }

    /** Most MACs in one {@code device/add} call. */
    public static final int MAX_BATCH = 100;

    /** What a batch add did: the events it applied, and whether it failed transiently (worth trying again). */
    public record BatchResult(Set<UUID> applied, boolean retry) {

        static final BatchResult NOTHING = new BatchResult(Set.of(), false);
        static final BatchResult RETRY = new BatchResult(Set.of(), true);
    }

    /**
     * Device events of one organization (distinct MACs) whose devices are new to RPS are added in one call
     * ({@code device/add} with up to {@link #MAX_BATCH} MACs). Answers the ids of the events it applied; anything
     * else — a device already on a server, a stale version, the organization's server not mirrored, or a call that
     * did not succeed as a whole (a MAC that exists or belongs to another enterprise refuses the whole batch) — is
     * left to {@link DeviceMirror} one by one, which knows every case.
     */
    public Uni<BatchResult> addBatch(List<DomainEvent> events, int attempt) {
        if (events.size() < 2) {
            return Uni.createFrom().item(BatchResult.NOTHING);
        }
        UUID org = UUID.fromString(events.get(0).organizationId());
        Map<MacAddress, DomainEvent> byMac = byMac(events, org, false);
        return state.server(org).flatMap(server -> {
            if (server.isEmpty() || server.get().serverId() == null || server.get().status() != SyncStatus.SYNCED) {
                return Uni.createFrom().item(BatchResult.NOTHING);
            }
            String serverId = server.get().serverId();
            return state.devices(byMac.keySet()).flatMap(rows -> {
                List<DomainEvent> fresh = new ArrayList<>();
                byMac.forEach((mac, e) -> {
                    DeviceRow row = rows.get(mac);
                    if (row == null || row.appliedVersion() < e.version()
                            && !row.live()
                            && row.status() != SyncStatus.CONFLICT) {
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
                .flatMap(result -> result.fold(
                        added -> saveAdded(org, serverId, fresh, added),
                        no -> refusedBatch(org, serverId, fresh, macs, attempt, no),
                        reason -> Uni.createFrom().item(BatchResult.RETRY)));
    }

    private Uni<BatchResult> saveAdded(UUID org, String serverId, List<DomainEvent> fresh, List<Device> added) {
        Map<MacAddress, String> ids = new HashMap<>();
        added.forEach(d -> ids.put(d.mac(), d.id()));
        List<Tuple> saves = new ArrayList<>();
        Set<UUID> done = new HashSet<>();
        for (DomainEvent e : fresh) {
            MacAddress mac = MacAddress.parse(e.aggregateId());
            if (ids.containsKey(mac)) {
                saves.add(MirrorState.deviceTuple(mac, org, ids.get(mac), serverId, e.version(),
                        SyncStatus.SYNCED, null));
                done.add(e.eventId());
            }
        }
        if (saves.isEmpty()) {
            return Uni.createFrom().item(BatchResult.NOTHING);
        }
        return state.saveDevices(saves).replaceWith(new BatchResult(done, false));
    }

    /**
     * A refused batch: one that exists already is adopted; without the MAC it names, the rest go again; otherwise it
     * is left to the one-by-one path.
     */
    private Uni<BatchResult> refusedBatch(UUID org, String serverId, List<DomainEvent> fresh, List<MacAddress> macs,
            int attempt, RpsResult.Refused<List<Device>> no) {
        if (no.alreadyExists() && commonPrefix(macs).length() >= ADOPT_PREFIX) {
            return adoptExisting(org, serverId, fresh, attempt);
        }
        if (no.data() != null) {
            Optional<MacAddress> named = MacAddress.tryParse(no.data());
            List<DomainEvent> others = fresh.stream()
                    .filter(e -> named.isEmpty() || !named.get().equals(MacAddress.parse(e.aggregateId())))
                    .toList();
            if (named.isPresent() && others.size() < fresh.size()) {
                return addFresh(org, serverId, others, attempt);
            }
        }
        return Uni.createFrom().item(BatchResult.NOTHING);
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
        return state.devices(byMac.keySet()).flatMap(rows -> {
            Set<UUID> done = new HashSet<>();
            List<Tuple> saves = new ArrayList<>();
            List<DomainEvent> live = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            byMac.forEach((mac, e) -> {
                DeviceRow row = rows.get(mac);
                if (row != null && row.appliedVersion() >= e.version()) {
                    done.add(e.eventId());
                } else if (row == null || row.deviceId() == null) {
                    saves.add(MirrorState.deviceTuple(mac, org, null, null, e.version(), SyncStatus.DELETED, null));
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
                boolean gone = r.fold(deleted -> true, no -> no.notFound(), reason -> false);
                if (gone) {
                    for (DomainEvent e : live) {
                        saves.add(
                                MirrorState.deviceTuple(MacAddress.parse(e.aggregateId()), org, null, null, e.version(),
                                        SyncStatus.DELETED, null));
                        done.add(e.eventId());
                    }
                }
                boolean retry = r.fold(deleted -> false, no -> false, reason -> true);
                return state.saveDevices(saves).replaceWith(new BatchResult(done, retry));
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
    static final int ADOPT_PREFIX = 9;

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
                () -> rps.listDevices(prefix, 0, 5000)).flatMap(
                        r -> r.fold(
                                page -> page.total() > page.items().size()
                                        ? Uni.createFrom().item(BatchResult.NOTHING)
                                        : adoptListed(org, serverId, fresh, attempt, page),
                                no -> Uni.createFrom().item(BatchResult.NOTHING),
                                reason -> Uni.createFrom().item(BatchResult.RETRY)));
    }

    private Uni<BatchResult> adoptListed(UUID org, String serverId, List<DomainEvent> fresh, int attempt,
            Page<Device> page) {
        Map<MacAddress, Device> found = new HashMap<>();
        page.items().forEach(d -> found.put(d.mac(), d));
        List<Tuple> saves = new ArrayList<>();
        Set<UUID> done = new HashSet<>();
        List<DomainEvent> missing = new ArrayList<>();
        for (DomainEvent e : fresh) {
            MacAddress mac = MacAddress.parse(e.aggregateId());
            Device d = found.get(mac);
            if (d == null) {
                missing.add(e);
            } else if (serverId.equals(d.serverId())) {
                saves.add(MirrorState.deviceTuple(mac, org, d.id(), serverId, e.version(), SyncStatus.SYNCED, null));
                done.add(e.eventId());
            } // on another server: the one-by-one path moves it
        }
        return state.saveDevices(saves).flatMap(v -> missing.size() < 2 || missing.size() == fresh.size()
                ? Uni.createFrom().item(new BatchResult(done, false))
                : addFresh(org, serverId, missing, attempt).map(more -> {
                    Set<UUID> all = new HashSet<>(done);
                    all.addAll(more.applied());
                    return new BatchResult(all, more.retry());
                }));
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
}
