package io.voipconfig.rps.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventType;

/**
 * Applies one inventory event to RPS, idempotently (docs/rps-sync.md): an event whose version is not newer than the
 * one applied changes nothing; "already exists" is looked up and edited; "not found" on delete is success; "owned by
 * another enterprise" is a recorded conflict, not retried. Anything transient is answered {@link Outcome#retry}, and
 * the caller tries the whole event again (every step reads the state afresh, so a repeat is harmless). Organizations
 * go to {@link OrganizationMirror}, devices to {@link DeviceMirror}; runs of them to {@link BatchMirror} first.
 */
@ApplicationScoped
public class Mirror {

    private final OrganizationMirror organizations;
    private final DeviceMirror devices;
    private final MirrorState state;
    private final ServerSpecs specs;

    public Mirror(OrganizationMirror organizations, DeviceMirror devices, MirrorState state, ServerSpecs specs) {
        this.organizations = organizations;
        this.devices = devices;
        this.state = state;
        this.specs = specs;
    }

    public Uni<Outcome> apply(DomainEvent e, int attempt) {
        if (e.type().aggregateType() == EventType.AggregateType.ORGANIZATION) {
            return e.type().isDeletion() ? organizations.delete(e, attempt) : organizations.upsert(e, attempt);
        }
        if (e.type().aggregateType() == EventType.AggregateType.DEVICE) {
            return e.type().isDeletion() ? devices.delete(e, attempt) : devices.upsert(e, attempt);
        }
        return Uni.createFrom().item(Outcome.done()); // settings, phonebooks, media: nothing for RPS
    }

    /** The event could not be applied after every attempt: remember why. */
    public Uni<Void> markFailed(DomainEvent e, String reason) {
        return state.markFailed(e, specs.serverName(UUID.fromString(e.organizationId())), reason);
    }
}
