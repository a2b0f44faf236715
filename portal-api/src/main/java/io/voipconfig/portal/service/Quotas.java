package io.voipconfig.portal.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.model.Partner;
import io.voipconfig.portal.problem.ApiException;
import io.voipconfig.portal.repository.PartnerRepository;

/**
 * A partner's limits on organizations and devices, checked inside the writing transaction with the partner's row
 * locked: two writes at the limit cannot both pass. An unlimited partner locks nothing.
 */
@ApplicationScoped
public class Quotas {

    private final PartnerRepository partners;

    public Quotas(PartnerRepository partners) {
        this.partners = partners;
    }

    static ApiException exceeded(Partner p, String what, int max) {
        return exceeded(p.slug, what, max);
    }

    /** The refusal of a write over a partner's limit. */
    public static ApiException exceeded(String partner, String what, int max) {
        return new ApiException(409, "quota-exceeded", "Quota exceeded", "partner '" + partner + "' may have at most "
                + max + " " + what + "; ask the operator to raise the limit", List.of());
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

    /** Room for {@code adding} more devices in the partner's organizations. */
    public Uni<Void> devicesFit(UUID partnerId, int adding) {
        return partners.findById(partnerId).flatMap(p -> {
            if (p == null || p.maxDevices == null) {
                return Uni.createFrom().voidItem();
            }
            return partners.findById(partnerId, LockModeType.PESSIMISTIC_WRITE)
                    .flatMap(locked -> partners.countDevices(partnerId)).invoke(count -> {
                        if (count + adding > p.maxDevices) {
                            throw exceeded(p, "devices", p.maxDevices);
                        }
                    }).replaceWithVoid();
        });
    }
}
