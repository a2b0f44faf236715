package io.voipconfig.portal.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.model.Organization;
import io.voipconfig.portal.model.Partner;
import io.voipconfig.portal.problem.ApiException;
import io.voipconfig.portal.repository.DeviceRepository;
import io.voipconfig.portal.repository.PartnerRepository;

/**
 * A partner's limits on organizations and devices, and the limit a partner sets on one organization's devices,
 * checked inside the writing transaction with the limited row locked (the organization's before its partner's, the
 * order every write takes): two writes at the limit cannot both pass. An unlimited partner or organization locks
 * nothing.
 */
@ApplicationScoped
public class Quotas {

    private final PartnerRepository partners;
    private final DeviceRepository devices;

    public Quotas(PartnerRepository partners, DeviceRepository devices) {
        this.partners = partners;
        this.devices = devices;
    }

    static ApiException exceeded(Partner p, String what, int max) {
        return exceeded(p.slug, what, max);
    }

    /** The refusal of a write over a partner's limit. */
    public static ApiException exceeded(String partner, String what, int max) {
        return new ApiException(409, "quota-exceeded", "Quota exceeded", "partner '" + partner + "' may have at most "
                + max + " " + what + "; ask the operator to raise the limit", List.of());
    }

    /** The refusal of a write over an organization's limit. */
    public static ApiException organizationExceeded(String organization, int max) {
        return new ApiException(409, "quota-exceeded", "Quota exceeded", "organization '" + organization
                + "' may have at most " + max + " devices; ask your partner to raise the limit", List.of());
    }

    /** Room for {@code adding} more devices in {@code org}: its own limit, then its partner's. */
    public Uni<Void> devicesFit(Organization org, int adding) {
        return organizationDevicesFit(org, adding).flatMap(v -> devicesFit(org.partnerId, adding));
    }

    /** Room for {@code adding} more devices under {@code org}'s own limit (a move within its partner). */
    public Uni<Void> organizationDevicesFit(Organization org, int adding) {
        if (org.maxDevices == null) {
            return Uni.createFrom().voidItem();
        }
        return lockedAndRead(org).flatMap(v -> org.maxDevices == null
                ? Uni.createFrom().voidItem()
                : devices.countIn(org.id).invoke(count -> {
                    if (count + adding > org.maxDevices) {
                        throw organizationExceeded(org.slug, org.maxDevices);
                    }
                }).replaceWithVoid());
    }

    /** The partner, ready for one more organization. */
    public Uni<Partner> organizationFits(UUID partnerId) {
        return partners.findById(partnerId, LockModeType.PESSIMISTIC_WRITE).flatMap(p -> {
            if (p == null) {
                throw ApiException.invalid("partnerId", "no partner " + partnerId);
            }
            if (p.maxOrganizations == null) {
                return Uni.createFrom().item(p);
            }
            return partners.countOrganizations(p.id).map(count -> {
                if (count + 1 > p.maxOrganizations) {
                    throw exceeded(p, "organizations", p.maxOrganizations);
                }
                return p;
            });
        });
    }

    /** Room for {@code adding} more devices in the partner's organizations (an organization that joins it). */
    public Uni<Void> devicesFit(UUID partnerId, int adding) {
        return partners.findById(partnerId).flatMap(p -> {
            if (p == null || p.maxDevices == null) {
                return Uni.createFrom().voidItem();
            }
            return lockedAndRead(p).flatMap(v -> p.maxDevices == null
                    ? Uni.createFrom().voidItem()
                    : partners.countDevices(partnerId).invoke(count -> {
                        if (count + adding > p.maxDevices) {
                            throw exceeded(p, "devices", p.maxDevices);
                        }
                    }).replaceWithVoid());
        });
    }

    /**
     * Locks the limited row and reads it again under the lock: the entity was loaded before, and a limit changed
     * meanwhile (the limit's own write locks the row too) must be the one checked.
     */
    private static Uni<Void> lockedAndRead(Object entity) {
        return Panache.getSession().flatMap(session -> session.refresh(entity, LockModeType.PESSIMISTIC_WRITE));
    }
}
