package io.voipconfig.rps.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.OrganizationState;
import io.voipconfig.rps.client.RedirectService;
import io.voipconfig.rps.client.RedirectService.Server;
import io.voipconfig.rps.client.RedirectService.ServerSpec;
import io.voipconfig.rps.service.MirrorState.ServerRow;

/**
 * An organization as a server at RPS: added (or, when the name exists in our account, adopted), edited when the
 * organization changes, and removed with its devices when it is deleted.
 */
@ApplicationScoped
public class OrganizationMirror {

    private final RedirectService rps;
    private final MirrorState state;
    private final ServerSpecs specs;
    private final History history;

    public OrganizationMirror(RedirectService rps, MirrorState state, ServerSpecs specs, History history) {
        this.rps = rps;
        this.state = state;
        this.specs = specs;
        this.history = history;
    }

    Uni<Outcome> upsert(DomainEvent e, int attempt) {
        UUID org = UUID.fromString(e.organizationId());
        OrganizationState s = e.stateAs(OrganizationState.class);
        return state.server(org).flatMap(row -> {
            if (row.isPresent() && row.get().appliedVersion() >= e.version()) {
                return Uni.createFrom().item(Outcome.done());
            }
            return state.serverFacts(org).flatMap(facts -> {
                ServerSpec spec = specs.spec(org, s.slug(), facts.partnerHost(), s.provisioningUsername(),
                        s.provisioningPasswordEncrypted(), facts.hasCa());
                String name = spec.name();
                Optional<String> known = row.map(ServerRow::serverId);
                Uni<Outcome> add = history.forEvent("server/add", org, null, name, e, attempt,
                        () -> rps.addServer(spec))
                        .flatMap(r -> r.fold(
                                server -> state.saveServer(org, name, server.id(), e.version(), SyncStatus.SYNCED,
                                        null),
                                no -> no.alreadyExists()
                                        ? adopt(org, spec, e, attempt)
                                        : state.saveServer(org, name, null, e.version(), SyncStatus.FAILED, no.key())
                                                .replaceWith(Outcome.failed(no.key())),
                                Outcome::retryLater));
                if (known.isEmpty()) {
                    return add;
                }
                return history.forEvent("server/edit", org, null, name, e, attempt,
                        () -> rps.editServer(known.get(), spec))
                        .flatMap(r -> r.fold(
                                server -> state.saveServer(org, name, known.get(), e.version(), SyncStatus.SYNCED,
                                        null),
                                no -> no.notFound()
                                        ? add
                                        : state.saveServer(org, name, known.get(), e.version(), SyncStatus.FAILED,
                                                no.key()).replaceWith(Outcome.failed(no.key())),
                                Outcome::retryLater));
            });
        });
    }

    /** The name exists: ours if it is in our account's list (then edit it), another enterprise's otherwise. */
    private Uni<Outcome> adopt(UUID org, ServerSpec spec, DomainEvent e, int attempt) {
        return history.forEvent("server/list", org, null, spec.name(), e, attempt,
                () -> rps.listServers(spec.name(), 0, 100))
                .flatMap(r -> r.fold(page -> editIfOurs(org, spec, e, attempt, page.items().stream()
                        .filter(x -> x.name().equals(spec.name())).findFirst()),
                        no -> editIfOurs(org, spec, e, attempt, Optional.empty()), Outcome::retryLater));
    }

    /** {@code mine}: the server of that name in our account's list, if it is there (else another enterprise's). */
    private Uni<Outcome> editIfOurs(UUID org, ServerSpec spec, DomainEvent e, int attempt, Optional<Server> mine) {
        if (mine.isEmpty()) {
            return state.saveServer(org, spec.name(), null, e.version(), SyncStatus.CONFLICT,
                    "server name taken by another enterprise")
                    .replaceWith(Outcome.conflict("server name " + spec.name() + " is taken"));
        }
        // As before the split: only a transient failure of this edit is retried; the server is ours either way.
        Uni<Outcome> synced = state.saveServer(org, spec.name(), mine.get().id(), e.version(), SyncStatus.SYNCED,
                null);
        return history.forEvent("server/edit", org, null, spec.name(), e, attempt,
                () -> rps.editServer(mine.get().id(), spec))
                .flatMap(edit -> edit.fold(server -> synced, no -> synced, Outcome::retryLater));
    }

    Uni<Outcome> delete(DomainEvent e, int attempt) {
        UUID org = UUID.fromString(e.organizationId());
        return state.server(org).flatMap(row -> {
            if (row.isPresent() && row.get().appliedVersion() >= e.version()) {
                return Uni.createFrom().item(Outcome.done());
            }
            String name = specs.serverName(org);
            // Devices first: RPS refuses to delete a server that still has devices.
            return state.liveDeviceIds(org)
                    .flatMap(ids -> {
                        if (ids.isEmpty()) {
                            return Uni.createFrom().item(Outcome.done());
                        }
                        return history.forEvent("device/delete", org, null, ids.size() + " devices", e, attempt,
                                () -> rps.deleteDevices(ids)).flatMap(
                                        r -> r.fold(
                                                gone -> state.allDevicesDeleted(org),
                                                no -> state.allDevicesDeleted(org), // "not found" and the like: gone
                                                Outcome::retryLater));
                    })
                    .flatMap(devices -> {
                        if (devices.kind() != Outcome.Kind.DONE) {
                            return Uni.createFrom().item(devices);
                        }
                        Optional<String> id = row.map(ServerRow::serverId);
                        if (id.isEmpty()) {
                            return state.saveServer(org, name, null, e.version(), SyncStatus.DELETED, null);
                        }
                        return history.forEvent("server/delete", org, null, name, e, attempt,
                                () -> rps.deleteServer(id.get()))
                                .flatMap(r -> r.fold(
                                        gone -> state.saveServer(org, name, null, e.version(), SyncStatus.DELETED,
                                                null),
                                        no -> state.saveServer(org, name, null, e.version(), SyncStatus.DELETED,
                                                null),
                                        Outcome::retryLater));
                    });
        });
    }
}
