package io.voipconfig.portal.repository;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.model.Media;
import io.voipconfig.portal.model.MediaInfo;
import io.voipconfig.portal.service.PageRequest;

@ApplicationScoped
public class MediaRepository implements PanacheRepositoryBase<Media, Long> {

    public Uni<Media> findByName(UUID organizationId, String name, boolean lock) {
        var query = find("organizationId = ?1 and name = ?2", organizationId, name);
        return (lock ? query.withLock(LockModeType.PESSIMISTIC_WRITE) : query).firstResult();
    }

    /** One page without the bytes; {@code kind} null for every kind. */
    public Uni<List<MediaInfo>> page(UUID organizationId, String kind, PageRequest page) {
        String hql = "select new " + MediaInfo.class.getName() + "(name, kind, contentType, size, sha256, version,"
                + " updatedAt) from Media where organizationId = :org" + (kind == null ? "" : " and kind = :kind")
                + " ORDER BY " + page.orderBy();
        return getSession().flatMap(s -> {
            var query = s.createSelectionQuery(hql, MediaInfo.class).setParameter("org", organizationId);
            if (kind != null) {
                query.setParameter("kind", kind.toUpperCase(Locale.ROOT));
            }
            return query.setFirstResult((int) page.offset()).setMaxResults(page.size()).getResultList();
        });
    }

    public Uni<Long> count(UUID organizationId, String kind) {
        return kind == null
                ? count("organizationId", organizationId)
                : count("organizationId = ?1 and kind = ?2", organizationId, kind.toUpperCase(Locale.ROOT));
    }

    /** Name → kind of every media file of the organization (what a device may refer to). */
    public Uni<Map<String, String>> kinds(UUID organizationId) {
        return getSession().flatMap(s -> s.createSelectionQuery(
                "select name, kind from Media where organizationId = ?1", Object[].class)
                .setParameter(1, organizationId).getResultList())
                .map(rows -> rows.stream().collect(Collectors.toMap(r -> (String) r[0], r -> (String) r[1])));
    }
}
