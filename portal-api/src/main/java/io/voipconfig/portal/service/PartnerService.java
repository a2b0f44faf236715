package io.voipconfig.portal.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.model.Partner;
import io.voipconfig.portal.model.PartnerDraft;
import io.voipconfig.portal.model.Timestamps;
import io.voipconfig.portal.problem.ApiException;
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

    public PartnerService(PartnerRepository partners, AggregateVersions versions, DraftValidator drafts,
            Outbox outbox) {
        this.partners = partners;
        this.versions = versions;
        this.drafts = drafts;
        this.outbox = outbox;
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

    public Uni<Page<Partner>> list(Caller caller, PageRequest page) {
        Optional<UUID> only = caller.scope().partnerId();
        return Panache.withSession(() -> partners.count(only)
                .flatMap(total -> partners.page(only, page).map(items -> Page.of(items, page, total))));
    }

    public Uni<Partner> create(PartnerDraft draft) {
        drafts.check(draft).throwIfAny();
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
        drafts.check(draft).throwIfAny();
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

    private Uni<Void> refuseTaken(UUID id, PartnerDraft draft) {
        return partners.taken(id, draft.slug(), draft.provisioningHost()).invoke(taken -> {
            if (taken) {
                throw ApiException.conflict("another partner has this slug or provisioning host");
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
