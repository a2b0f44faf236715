package io.voipconfig.portal.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.model.Organization;
import io.voipconfig.portal.security.Caller.Scope;
import io.voipconfig.portal.service.PageRequest;

@ApplicationScoped
public class OrganizationRepository implements PanacheRepositoryBase<Organization, UUID> {

    /** By id when {@code idOrSlug} is a UUID, by slug otherwise; {@code lock} holds the row until the commit. */
    public Uni<Organization> findByRef(String idOrSlug, boolean lock) {
        Optional<UUID> id = Refs.uuid(idOrSlug);
        if (id.isPresent()) {
            return lock ? findById(id.get(), LockModeType.PESSIMISTIC_WRITE) : findById(id.get());
        }
        var query = find("slug", idOrSlug);
        return (lock ? query.withLock(LockModeType.PESSIMISTIC_WRITE) : query).firstResult();
    }

    public Uni<Boolean> existsByIdOrSlug(UUID id, String slug) {
        return count("id = ?1 or slug = ?2", id, slug).map(n -> n > 0);
    }

    public Uni<Boolean> existsBySlug(String slug) {
        return count("slug", slug).map(n -> n > 0);
    }

    /** One page of what {@code scope} allows (a partner's organizations, one organization, or all). */
    public Uni<List<Organization>> page(Scope scope, String q, UUID partnerId, PageRequest page) {
        Where where = where(scope, q, partnerId);
        return find(where.hql + " ORDER BY " + page.orderBy(), where.params).page(page.page(), page.size()).list();
    }

    public Uni<Long> count(Scope scope, String q, UUID partnerId) {
        Where where = where(scope, q, partnerId);
        return count(where.hql, where.params);
    }

    private record Where(String hql, Map<String, Object> params) {
    }

    /** {@code partnerId} narrows the scope further (the operator's partner filter); it never widens it. */
    private static Where where(Scope scope, String q, UUID partnerId) {
        StringBuilder hql = new StringBuilder("true");
        Map<String, Object> params = new HashMap<>();
        scope.partnerId().ifPresent(id -> {
            hql.append(" and partnerId = :partner");
            params.put("partner", id);
        });
        scope.organizationId().ifPresent(id -> {
            hql.append(" and id = :id");
            params.put("id", id);
        });
        if (partnerId != null) {
            hql.append(" and partnerId = :filterPartner");
            params.put("filterPartner", partnerId);
        }
        if (q != null && !q.isBlank()) {
            hql.append(" and (lower(name) like :q or slug like :q)");
            params.put("q", Refs.like(q.strip().toLowerCase(Locale.ROOT)));
        }
        return new Where(hql.toString(), params);
    }
}
