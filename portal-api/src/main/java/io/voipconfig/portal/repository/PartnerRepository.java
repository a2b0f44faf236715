package io.voipconfig.portal.repository;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.model.Partner;
import io.voipconfig.portal.service.PageRequest;

@ApplicationScoped
public class PartnerRepository implements PanacheRepositoryBase<Partner, UUID> {

    /** By id when {@code idOrSlug} is a UUID, by slug otherwise; {@code lock} holds the row until the commit. */
    public Uni<Partner> findByRef(String idOrSlug, boolean lock) {
        Optional<UUID> id = Refs.uuid(idOrSlug);
        if (id.isPresent()) {
            return lock ? findById(id.get(), LockModeType.PESSIMISTIC_WRITE) : findById(id.get());
        }
        var query = find("slug", idOrSlug);
        return (lock ? query.withLock(LockModeType.PESSIMISTIC_WRITE) : query).firstResult();
    }

    /** Is the slug another partner's? */
    public Uni<Boolean> slugTaken(UUID id, String slug) {
        return count("id != ?1 and slug = ?2", id, slug).map(n -> n > 0);
    }

    /** Is the provisioning host another partner's? */
    public Uni<Boolean> hostTaken(UUID id, String provisioningHost) {
        return count("id != ?1 and provisioningHost = ?2", id, provisioningHost).map(n -> n > 0);
    }

    /** Partners with a provisioning host name of their own: partner id → host name. */
    public Uni<Map<UUID, String>> provisioningHosts() {
        return list("provisioningHost is not null")
                .map(all -> all.stream().collect(Collectors.toUnmodifiableMap(p -> p.id, p -> p.provisioningHost)));
    }

    /** One page; {@code only} limits it to one partner (a partner's own members). */
    public Uni<List<Partner>> page(Optional<UUID> only, PageRequest page) {
        return only.isPresent()
                ? find("id = ?1 ORDER BY " + page.orderBy(), only.get()).page(page.page(), page.size()).list()
                : find("ORDER BY " + page.orderBy()).page(page.page(), page.size()).list();
    }

    public Uni<Long> count(Optional<UUID> only) {
        return only.isPresent() ? count("id", only.get()) : count();
    }

    public Uni<Long> countOrganizations(UUID partnerId) {
        return getSession().flatMap(s -> s.createSelectionQuery(
                "select count(o) from Organization o where o.partnerId = ?1", Long.class).setParameter(1, partnerId)
                .getSingleResult());
    }

    /** Devices in all of the partner's organizations. */
    public Uni<Long> countDevices(UUID partnerId) {
        return getSession().flatMap(s -> s.createSelectionQuery("select count(d) from Device d where"
                + " d.organizationId in (select o.id from Organization o where o.partnerId = ?1)", Long.class)
                .setParameter(1, partnerId).getSingleResult());
    }
}
