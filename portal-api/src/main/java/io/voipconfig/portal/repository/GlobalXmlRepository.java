package io.voipconfig.portal.repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.model.GlobalXml;
import io.voipconfig.portal.model.GlobalXmlInfo;
import io.voipconfig.portal.service.PageRequest;

@ApplicationScoped
public class GlobalXmlRepository implements PanacheRepositoryBase<GlobalXml, GlobalXml.Key> {

    public Uni<GlobalXml> find(UUID organizationId, String name, boolean lock) {
        var key = new GlobalXml.Key(organizationId, name);
        return lock ? findById(key, LockModeType.PESSIMISTIC_WRITE) : findById(key);
    }

    public Uni<List<GlobalXmlInfo>> page(UUID organizationId, PageRequest page) {
        return getSession().flatMap(s -> s.createSelectionQuery("select key.name, cast(length(content) as long),"
                + " version, updatedAt from GlobalXml where key.organizationId = ?1 ORDER BY " + page.orderBy(),
                Object[].class).setParameter(1, organizationId)
                .setFirstResult((int) page.offset()).setMaxResults(page.size()).getResultList())
                .map(rows -> rows.stream().map(r -> new GlobalXmlInfo((String) r[0], (Long) r[1], (Long) r[2],
                        (OffsetDateTime) r[3])).toList());
    }

    public Uni<Long> count(UUID organizationId) {
        return count("key.organizationId", organizationId);
    }
}
