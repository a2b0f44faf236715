package io.voipconfig.portal.service;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.voipconfig.common.image.ImageHeader;
import io.voipconfig.portal.model.Partner;
import io.voipconfig.portal.model.PartnerLogo;
import io.voipconfig.portal.model.Timestamps;
import io.voipconfig.portal.problem.ApiException;
import io.voipconfig.portal.repository.OrganizationRepository;
import io.voipconfig.portal.repository.PartnerLogoRepository;
import io.voipconfig.portal.repository.PartnerRepository;
import io.voipconfig.portal.security.Caller;

/**
 * What the console shows its users of the partner they work under (its console name and logo): a partner's members
 * see their partner's, an organization's users their organization's partner's, the operator the installation's own.
 */
@ApplicationScoped
public class BrandingService {

    static final int MAX_LOGO_BYTES = 256 * 1024;
    static final int MAX_LOGO_SIDE = 1024;
    static final int MIN_LOGO_SIDE = 16;
    static final Set<String> LOGO_TYPES = Set.of("image/png", "image/jpeg");

    /** The caller's partner as the console shows it; {@code partner} null for the operator (the installation's). */
    public record Branding(Partner partner, PartnerLogo logo) {
    }

    private final PartnerService partnerService;
    private final PartnerRepository partners;
    private final PartnerLogoRepository logos;
    private final OrganizationRepository organizations;

    public BrandingService(PartnerService partnerService, PartnerRepository partners, PartnerLogoRepository logos,
            OrganizationRepository organizations) {
        this.partnerService = partnerService;
        this.partners = partners;
        this.logos = logos;
        this.organizations = organizations;
    }

    private static ApiException noLogo() {
        return ApiException.notFound("no logo");
    }

    /** The caller's partner with its logo (null when it has none). */
    public Uni<Branding> branding(Caller caller) {
        return Panache.withSession(() -> partnerOf(caller).flatMap(id -> id.isEmpty()
                ? Uni.createFrom().item(new Branding(null, null))
                : partners.findById(id.get()).flatMap(p -> p == null
                        ? Uni.createFrom().item(new Branding(null, null))
                        : logos.findById(p.id).map(logo -> new Branding(p, logo)))));
    }

    /** The caller's partner's logo, 404 when there is none. */
    public Uni<PartnerLogo> ownLogo(Caller caller) {
        return branding(caller).map(b -> Optional.ofNullable(b.logo()).orElseThrow(BrandingService::noLogo));
    }

    /** A partner's logo, for whoever may see the partner. */
    public Uni<PartnerLogo> logo(Caller caller, String partnerRef) {
        return partnerService.visible(caller, partnerRef, false)
                .flatMap(p -> Panache.withSession(() -> logos.findById(p.id)))
                .onItem().ifNull().failWith(BrandingService::noLogo);
    }

    /** Stores or replaces the partner's logo; refused, and nothing changed, unless it is a small PNG or JPEG. */
    public Uni<PartnerLogo> putLogo(Caller caller, String partnerRef, byte[] bytes) {
        LogoImage image = check(bytes);
        return Panache.withTransaction(() -> partnerService.visible(caller, partnerRef, true)
                .flatMap(p -> logos.findById(p.id).flatMap(current -> {
                    PartnerLogo logo = current != null ? current : new PartnerLogo();
                    logo.partnerId = p.id;
                    logo.contentType = image.contentType();
                    logo.content = bytes;
                    logo.width = image.width();
                    logo.height = image.height();
                    logo.sha256 = MediaService.sha256(bytes);
                    logo.updatedAt = Timestamps.now();
                    return current != null ? Uni.createFrom().item(logo) : logos.persist(logo);
                })));
    }

    public Uni<Void> deleteLogo(Caller caller, String partnerRef) {
        return Panache.withTransaction(() -> partnerService.visible(caller, partnerRef, true)
                .flatMap(p -> logos.deleteById(p.id)).invoke(deleted -> {
                    if (!deleted) {
                        throw noLogo();
                    }
                })).replaceWithVoid();
    }

    private Uni<Optional<UUID>> partnerOf(Caller caller) {
        if (caller.isOperator()) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (caller.isPartnerMember()) {
            return Uni.createFrom().item(caller.partnerId());
        }
        return caller.organizationId().map(orgId -> organizations.findById(orgId)
                .map(org -> Optional.ofNullable(org).map(o -> o.partnerId)))
                .orElseGet(() -> Uni.createFrom().item(Optional.empty()));
    }

    record LogoImage(String contentType, int width, int height) {
    }

    /**
     * The logo's type (from its bytes) and dimensions (from its header: nothing is decoded, so a small file that
     * claims a huge image costs nothing here, and is refused before any browser decodes it).
     */
    static LogoImage check(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw ApiException.invalid("file", "is required and must not be empty");
        }
        if (bytes.length > MAX_LOGO_BYTES) {
            throw ApiException.tooLarge("a logo is limited to " + MAX_LOGO_BYTES + " bytes");
        }
        String type = MediaService.sniff(bytes).filter(LOGO_TYPES::contains)
                .orElseThrow(() -> ApiException.invalid("file", "not a PNG or JPEG image"));
        ImageHeader header = ImageHeader.read(bytes)
                .orElseThrow(() -> ApiException.invalid("file", "not a readable " + type + " image"));
        if (!header.fits(MAX_LOGO_SIDE) || header.width() < MIN_LOGO_SIDE || header.height() < MIN_LOGO_SIDE) {
            throw MediaService.unusableDimensions(header, "a logo must be " + MIN_LOGO_SIDE + " to " + MAX_LOGO_SIDE
                    + " pixels on each side");
        }
        return new LogoImage(type, header.width(), header.height());
    }
}
