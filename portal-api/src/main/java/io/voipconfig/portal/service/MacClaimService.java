package io.voipconfig.portal.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.portal.model.Device;
import io.voipconfig.portal.model.MacClaim;
import io.voipconfig.portal.problem.ApiException;
import io.voipconfig.portal.repository.MacClaimRepository;
import io.voipconfig.portal.security.Caller;

/**
 * The operator's view of MACs claimed across partners: list them, transfer the device to the claimant (recorded on
 * the claim with who did it; {@link DeviceService#reclaim} cuts the holder off at once), or dismiss the claim.
 */
@ApplicationScoped
public class MacClaimService {

    private final MacClaimRepository claims;
    private final DeviceService devices;

    public MacClaimService(MacClaimRepository claims, DeviceService devices) {
        this.claims = claims;
        this.devices = devices;
    }

    public Uni<Page<MacClaim>> open(PageRequest page) {
        return claims.countOpen().flatMap(total -> claims.open(page).map(items -> Page.of(items, page, total)));
    }

    /** Gives the MAC to the claimant, bare and without grace for the holder, and closes the claim. */
    public Uni<Device> transfer(Caller caller, long id) {
        return openClaim(id).flatMap(claim -> {
            if (claim.holderSlug() == null) {
                throw ApiException.conflict("the organization that held " + claim.mac()
                        + " no longer exists; register the device in the claimant's organization");
            }
            return devices.reclaim(caller, claim.holderOrganizationId(), claim.claimantOrganizationId(),
                    MacAddress.parse(claim.mac())).call(moved -> claims.resolve(id, "TRANSFERRED", caller.name()));
        });
    }

    public Uni<Void> dismiss(Caller caller, long id) {
        return openClaim(id).flatMap(claim -> claims.resolve(id, "DISMISSED", caller.name())).replaceWithVoid();
    }

    private Uni<MacClaim> openClaim(long id) {
        return claims.find(id).map(found -> found.filter(c -> c.resolution() == null)
                .orElseThrow(() -> ApiException.notFound("no open MAC claim " + id)));
    }
}
