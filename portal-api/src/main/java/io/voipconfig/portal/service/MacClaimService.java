package io.voipconfig.portal.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.model.Device;
import io.voipconfig.portal.model.MacClaim;
import io.voipconfig.portal.problem.ApiException;
import io.voipconfig.portal.repository.MacClaimRepository;
import io.voipconfig.portal.security.Caller;

/**
 * The operator's view of MACs claimed across partners: list them, transfer the device to the claimant (a move,
 * with its event, recorded on the claim with who did it), or dismiss the claim.
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

    /** Moves the device from the holder to the claimant and closes the claim. */
    public Uni<Device> transfer(Caller caller, long id) {
        return openClaim(id).flatMap(claim -> {
            if (claim.holderSlug() == null) {
                throw ApiException.conflict("the organization that held " + claim.mac()
                        + " no longer exists; register the device in the claimant's organization");
            }
            return devices.move(caller, claim.holderOrganizationId().toString(), claim.mac(), null,
                    claim.claimantOrganizationId().toString())
                    .call(moved -> claims.resolve(id, "TRANSFERRED", caller.name()));
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
