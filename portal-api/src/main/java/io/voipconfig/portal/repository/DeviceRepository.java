package io.voipconfig.portal.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.portal.model.Device;
import io.voipconfig.portal.service.PageRequest;

@ApplicationScoped
public class DeviceRepository implements PanacheRepositoryBase<Device, String> {

    /** The device if it belongs to {@code organizationId}; {@code lock} holds the row until the commit. */
    public Uni<Device> findInOrganization(UUID organizationId, MacAddress mac, boolean lock) {
        var query = find("mac = ?1 and organizationId = ?2", mac.value(), organizationId);
        return (lock ? query.withLock(LockModeType.PESSIMISTIC_WRITE) : query).firstResult();
    }

    /** Is the MAC registered in any organization? */
    public Uni<Boolean> exists(MacAddress mac) {
        return count("mac", mac.value()).map(n -> n > 0);
    }

    /**
     * One page of an organization's devices; {@code q} matches the label or part of the MAC in any notation,
     * {@code model} the model exactly.
     */
    public Uni<List<Device>> page(UUID organizationId, String q, String model, PageRequest page) {
        Where where = where(organizationId, q, model);
        return find(where.hql + " ORDER BY " + page.orderBy(), where.params).page(page.page(), page.size()).list();
    }

    public Uni<Long> count(UUID organizationId, String q, String model) {
        Where where = where(organizationId, q, model);
        return count(where.hql, where.params);
    }

    public Uni<Long> countIn(UUID organizationId) {
        return count("organizationId", organizationId);
    }

    /** How many of the organization's devices use the media file as wallpaper or ringtone. */
    public Uni<Long> countUsingMedia(UUID organizationId, String name) {
        return count("organizationId = ?1 and (wallpaper = ?2 or ringtone = ?2)", organizationId, name);
    }

    private record Where(String hql, Map<String, Object> params) {
    }

    private static Where where(UUID organizationId, String q, String model) {
        StringBuilder hql = new StringBuilder("organizationId = :org");
        Map<String, Object> params = new HashMap<>(Map.of("org", organizationId));
        if (q != null && !q.isBlank()) {
            String needle = q.strip().toLowerCase(Locale.ROOT);
            String macNeedle = needle.replaceAll("[^0-9a-f]", "");
            hql.append(" and (lower(label) like :q");
            params.put("q", Refs.like(needle));
            if (!macNeedle.isEmpty()) {
                hql.append(" or mac like :mac");
                params.put("mac", "%" + macNeedle + "%");
            }
            hql.append(")");
        }
        if (model != null && !model.isBlank()) {
            hql.append(" and model = :model");
            params.put("model", model.strip().toUpperCase(Locale.ROOT));
        }
        return new Where(hql.toString(), params);
    }
}
