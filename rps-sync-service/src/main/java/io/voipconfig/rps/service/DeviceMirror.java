package io.voipconfig.rps.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.voipconfig.common.event.DeviceState;
import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.rps.client.RedirectService;
import io.voipconfig.rps.client.RedirectService.Device;
import io.voipconfig.rps.client.RedirectService.Page;
import io.voipconfig.rps.client.RpsResult;
import io.voipconfig.rps.service.MirrorState.DeviceRow;

/**
 * A device at RPS, one event at a time: added to its organization's server (adopted when our account has it already,
 * a conflict when another enterprise's has it), moved when it changes organization, removed when deleted. Runs of new
 * devices go in batches first ({@link BatchMirror}); this path knows every case.
 */
@ApplicationScoped
public class DeviceMirror {

    private final RedirectService rps;
    private final MirrorState state;
    private final History history;

    public DeviceMirror(RedirectService rps, MirrorState state, History history) {
        this.rps = rps;
        this.state = state;
        this.history = history;
    }

    Uni<Outcome> upsert(DomainEvent e, int attempt) {
        MacAddress mac = MacAddress.parse(e.aggregateId());
        DeviceState s = e.stateAs(DeviceState.class);
        UUID org = UUID.fromString(s.organizationId());
        return state.device(mac).flatMap(row -> {
            if (row.isPresent() && row.get().appliedVersion() >= e.version()) {
                return Uni.createFrom().item(Outcome.done());
            }
            return state.server(org).flatMap(server -> {
                if (server.isEmpty() || server.get().serverId() == null
                        || server.get().status() != SyncStatus.SYNCED) {
                    if (server.isPresent() && server.get().status() == SyncStatus.CONFLICT) {
                        return state.saveDevice(mac, org, null, null, e.version(), SyncStatus.CONFLICT,
                                "the organization's server is in conflict")
                                .replaceWith(Outcome.conflict("organization server in conflict"));
                    }
                    return Uni.createFrom().item(Outcome.retry("the organization's server is not mirrored yet"));
                }
                String serverId = server.get().serverId();
                Optional<DeviceRow> current = row.filter(DeviceRow::live);
                if (current.isPresent()) {
                    if (serverId.equals(current.get().serverId())) {
                        return state.saveDevice(mac, org, current.get().deviceId(), serverId, e.version(),
                                SyncStatus.SYNCED, null);
                    }
                    return move(mac, org, current.get().deviceId(), serverId, e, attempt);
                }
                return history.forEvent("device/add", org, mac, serverId, e, attempt,
                        () -> rps.addDevices(List.of(mac), serverId))
                        .flatMap(r -> r.fold(
                                added -> state.saveDevice(mac, org, added.get(0).id(), serverId, e.version(),
                                        SyncStatus.SYNCED, null),
                                no -> refusedAdd(mac, org, serverId, e, attempt, no),
                                Outcome::retryLater));
            });
        });
    }

    private Uni<Outcome> refusedAdd(MacAddress mac, UUID org, String serverId, DomainEvent e, int attempt,
            RpsResult.Refused<List<Device>> no) {
        if (no.ownedByOther()) {
            return state.saveDevice(mac, org, null, null, e.version(), SyncStatus.CONFLICT, no.key())
                    .replaceWith(Outcome.conflict(mac.value() + " is owned by another enterprise"));
        }
        if (no.alreadyExists()) {
            return adopt(mac, org, serverId, e, attempt);
        }
        return state.saveDevice(mac, org, null, null, e.version(), SyncStatus.FAILED, no.key())
                .replaceWith(Outcome.failed(no.key()));
    }

    private Uni<Outcome> move(MacAddress mac, UUID org, String deviceId, String serverId, DomainEvent e,
            int attempt) {
        return history.forEvent("device/edit", org, mac, serverId, e, attempt,
                () -> rps.editDevice(deviceId, serverId))
                .flatMap(r -> r.fold(
                        moved -> state.saveDevice(mac, org, deviceId, serverId, e.version(), SyncStatus.SYNCED, null),
                        no -> no.notFound()
                                ? state.saveDevice(mac, org, null, null, 0, SyncStatus.PENDING, null)
                                        .replaceWith(Outcome.retry("device vanished from RPS; adding it again"))
                                : state.saveDevice(mac, org, deviceId, null, e.version(), SyncStatus.FAILED,
                                        no.key()).replaceWith(Outcome.failed(no.key())),
                        Outcome::retryLater));
    }

    /** "Already exists" in our account: find it and put it on the right server. */
    private Uni<Outcome> adopt(MacAddress mac, UUID org, String serverId, DomainEvent e, int attempt) {
        return history.forEvent("device/list", org, mac, mac.value(), e, attempt,
                () -> rps.listDevices(mac.value(), 0, 100))
                .flatMap(r -> r.fold(page -> adoptListed(mac, org, serverId, e, attempt, page),
                        no -> Outcome.retryLater("cannot look up " + mac.value()),
                        reason -> Outcome.retryLater("cannot look up " + mac.value())));
    }

    private Uni<Outcome> adoptListed(MacAddress mac, UUID org, String serverId, DomainEvent e, int attempt,
            Page<Device> page) {
        Optional<Device> found = page.items().stream().filter(d -> d.mac().equals(mac)).findFirst();
        if (found.isEmpty()) {
            return Uni.createFrom().item(Outcome.retry(mac.value() + " exists but is not listed yet"));
        }
        if (serverId.equals(found.get().serverId())) {
            return state.saveDevice(mac, org, found.get().id(), serverId, e.version(), SyncStatus.SYNCED,
                    null);
        }
        return move(mac, org, found.get().id(), serverId, e, attempt);
    }

    Uni<Outcome> delete(DomainEvent e, int attempt) {
        MacAddress mac = MacAddress.parse(e.aggregateId());
        UUID org = UUID.fromString(e.organizationId());
        return state.device(mac).flatMap(row -> {
            if (row.isPresent() && row.get().appliedVersion() >= e.version()) {
                return Uni.createFrom().item(Outcome.done());
            }
            Optional<String> id = row.map(DeviceRow::deviceId);
            if (id.isEmpty()) {
                return state.saveDevice(mac, org, null, null, e.version(), SyncStatus.DELETED, null);
            }
            return history.forEvent("device/delete", org, mac, mac.value(), e, attempt,
                    () -> rps.deleteDevices(List.of(id.get())))
                    .flatMap(r -> r.fold(
                            gone -> state.saveDevice(mac, org, null, null, e.version(), SyncStatus.DELETED, null),
                            no -> state.saveDevice(mac, org, null, null, e.version(), SyncStatus.DELETED, null),
                            Outcome::retryLater));
        });
    }
}
