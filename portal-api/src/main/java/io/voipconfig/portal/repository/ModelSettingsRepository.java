package io.voipconfig.portal.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.model.ModelSettings;
import io.voipconfig.portal.service.PageRequest;

@ApplicationScoped
public class ModelSettingsRepository implements PanacheRepositoryBase<ModelSettings, ModelSettings.Key> {

    public Uni<ModelSettings> find(UUID organizationId, String model, boolean lock) {
        var key = new ModelSettings.Key(organizationId, model);
        return lock ? findById(key, LockModeType.PESSIMISTIC_WRITE) : findById(key);
    }

    public Uni<List<ModelSettings>> page(UUID organizationId, PageRequest page) {
        return find("key.organizationId = ?1 ORDER BY " + page.orderBy(), organizationId)
                .page(page.page(), page.size()).list();
    }

    public Uni<Long> count(UUID organizationId) {
        return count("key.organizationId", organizationId);
    }
}
