package io.voipconfig.portal.service;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.voipconfig.common.render.ConfigRenderer;
import io.voipconfig.portal.model.Partner;
import io.voipconfig.portal.model.PartnerDraft;
import io.voipconfig.portal.model.Timestamps;
import io.voipconfig.portal.problem.ApiException;
import io.voipconfig.portal.problem.Errors;
import io.voipconfig.portal.repository.AggregateVersions;
import io.voipconfig.portal.repository.PartnerRepository;
import io.voipconfig.portal.security.Caller;

/** Partners: the operator manages them; a partner's members read their own. */
@ApplicationScoped
public class PartnerService {

    private final PartnerRepository partners;
    private final AggregateVersions versions;
    private final DraftValidator drafts;
    private final Outbox outbox;
    private final Set<String> installationHosts;

    public PartnerService(PartnerRepository partners, AggregateVersions versions, DraftValidator drafts,
            Outbox outbox, ConfigRenderer renderer) {
        this.partners = partners;
        this.versions = versions;
        this.drafts = drafts;
        this.outbox = outbox;
        this.installationHosts = renderer.installationHosts();
    }

    static ApiException notFound(String ref) {
        return ApiException.notFound("no partner '" + ref + "'");
    }

    /** The partner if the caller may see it; otherwise 404, as for one that does not exist. */
    public Uni<Partner> visible(Caller caller, String idOrSlug, boolean lock) {
        return Panache.withSession(() -> partners.findByRef(idOrSlug, lock))
                .map(p -> Optional.ofNullable(p).filter(found -> caller.canSeePartner(found.id))
                        .orElseThrow(() -> notFound(idOrSlug)));
    }

    /** Every partner's own provisioning host name, by partner id (partners are few: read whole). */
    public Uni<Map<UUID, String>> provisioningHosts() {
        return Panache.withSession(partners::provisioningHosts);
    }

    public Uni<Page<Partner>> list(Caller caller, PageRequest page) {
        Optional<UUID> only = caller.scope().partnerId();
        return Panache.withSession(() -> partners.count(only)
                .flatMap(total -> partners.page(only, page).map(items -> Page.of(items, page, total))));
    }

    public Uni<Partner> create(PartnerDraft draft) {
        check(draft);
        UUID id = draft.id() != null ? draft.id() : UUID.randomUUID();
        return outbox.transaction(() -> partners.findById(id).flatMap(existing -> {
            if (existing != null) {
                throw ApiException.conflict("a partner with id " + id + " already exists");
            }
            return refuseTaken(id, draft);
        }).flatMap(v -> versions.next()).flatMap(version -> {
            Partner p = new Partner();
            p.id = id;
            p.version = version;
            apply(p, draft);
            p.createdAt = p.updatedAt;
            return partners.persist(p);
        }));
    }

    public Uni<Partner> update(Caller caller, String idOrSlug, String ifMatch, PartnerDraft draft) {
        check(draft);
        return outbox.transaction(() -> visible(caller, idOrSlug, true).flatMap(current -> {
            Versions.check(ifMatch, current.version);
            if (draft.id() != null && !draft.id().equals(current.id)) {
                throw ApiException.invalid("id", "does not match the partner being updated");
            }
            return refuseTaken(current.id, draft).flatMap(v -> versions.next()).map(version -> {
                apply(current, draft);
                current.version = version;
                return current;
            });
        }));
    }

    /** Only an empty partner goes, and never the default one (organizations created without a partner go there). */
    public Uni<Void> delete(Caller caller, String idOrSlug, String ifMatch) {
        return outbox.transaction(() -> visible(caller, idOrSlug, true).flatMap(current -> {
            Versions.check(ifMatch, current.version);
            if (current.id.equals(Partner.DEFAULT_ID)) {
                throw ApiException.conflict("the default partner cannot be deleted");
            }
            return partners.countOrganizations(current.id).flatMap(count -> {
                if (count > 0) {
                    throw ApiException.conflict("partner '" + current.slug + "' has " + count
                            + " organization(s); delete them or move them to another partner first");
                }
                return partners.delete(current);
            });
        }));
    }

    /**
     * The draft's field errors, and a provisioning host that is one of the installation's own: phones under it must
     * keep reaching every organization, so no partner may narrow it to its own.
     */
    private void check(PartnerDraft draft) {
        Errors errors = drafts.check(draft);
        if (draft.provisioningHost() != null && installationHosts.contains(draft.provisioningHost())) {
            errors.add("provisioningHost",
                    "is the installation's own host name; a partner's must be a name of its own");
        }
        errors.throwIfAny();
    }

    private Uni<Void> refuseTaken(UUID id, PartnerDraft draft) {
        return partners.slugTaken(id, draft.slug()).flatMap(slugTaken -> {
            if (slugTaken) {
                throw ApiException.conflict("another partner has the slug '" + draft.slug() + "'");
            }
            return draft.provisioningHost() == null
                    ? Uni.createFrom().item(false)
                    : partners.hostTaken(id, draft.provisioningHost());
        }).invoke(hostTaken -> {
            if (hostTaken) {
                throw ApiException.conflict("another partner's phones are provisioned under '"
                        + draft.provisioningHost() + "'; a host name belongs to one partner");
            }
        }).replaceWithVoid();
    }

    private static void apply(Partner p, PartnerDraft draft) {
        p.slug = draft.slug();
        p.name = draft.name().strip();
        p.maxOrganizations = draft.maxOrganizations();
        p.maxDevices = draft.maxDevices();
        p.provisioningHost = draft.provisioningHost();
        p.consoleName = draft.consoleName() == null || draft.consoleName().isBlank()
                ? null
                : draft.consoleName().strip();
        p.updatedAt = Timestamps.now();
    }

}
