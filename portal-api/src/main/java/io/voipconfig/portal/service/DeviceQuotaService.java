package io.voipconfig.portal.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.problem.ApiException;
import io.voipconfig.portal.repository.DeviceRepository;
import io.voipconfig.portal.security.Caller;

/**
 * The device limit a partner sets on one of its organizations (enforced by {@link Quotas} on every write that adds a
 * device). Lowering it below the devices there keeps them all and accepts no new one. Not part of what phones
 * render: it takes no version and sends no event.
 */
@ApplicationScoped
public class DeviceQuotaService {

    /** The organization's limit (null: none of its own) and its devices now. */
    public record Usage(Integer maxDevices, long devices) {
    }

    private final OrganizationService organizations;
    private final DeviceRepository devices;
    private final Outbox outbox;

    public DeviceQuotaService(OrganizationService organizations, DeviceRepository devices, Outbox outbox) {
        this.organizations = organizations;
        this.devices = devices;
        this.outbox = outbox;
    }

    public Uni<Usage> get(Caller caller, String orgRef) {
        return Panache.withSession(() -> organizations.visible(caller, orgRef)
                .flatMap(org -> devices.countIn(org.id).map(count -> new Usage(org.maxDevices, count))));
    }

    /** Sets the limit; the resource admits only the operator and partner admins, the scope only the org's partner. */
    public Uni<Usage> set(Caller caller, String orgRef, Integer maxDevices) {
        if (maxDevices != null && maxDevices < 0) {
            throw ApiException.invalid("maxDevices", "must be 0 or more, or null for no limit");
        }
        return outbox.transaction(() -> organizations.visible(caller, orgRef, true).flatMap(org -> {
            org.maxDevices = maxDevices;
            return devices.countIn(org.id).map(count -> new Usage(org.maxDevices, count));
        }));
    }
}
