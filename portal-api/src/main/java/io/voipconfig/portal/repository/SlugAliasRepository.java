package io.voipconfig.portal.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.model.SlugAlias;

@ApplicationScoped
public class SlugAliasRepository implements PanacheRepositoryBase<SlugAlias, String> {

    /** An organization's old slugs, the newest first. */
    public Uni<List<SlugAlias>> ofOrganization(UUID organizationId) {
        return list("organizationId = ?1 ORDER BY validUntil DESC", organizationId);
    }
}
