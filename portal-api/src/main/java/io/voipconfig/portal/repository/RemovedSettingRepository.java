package io.voipconfig.portal.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.render.RemovedKeys;

/**
 * Setting keys removed from a layer of settings ({@code removed_setting}, docs/portal-api.md "Removed settings"):
 * written in the settings write's transaction (Hibernate's session) and read in the reader's session for previews
 * and dry runs (the same queries config-service runs).
 */
@ApplicationScoped
public class RemovedSettingRepository {

    /** The layers of settings, as {@code removed_setting.layer} names them. */
    public enum Layer {

        ORGANIZATION("organization"),
        MODEL("model"),
        DEVICE("device");

        final String column;

        Layer(String column) {
            this.column = column;
        }
    }

    /**
     * Records the keys one write removed from a layer (a key removed again gets a new window), forgets keys that are
     * set again, and prunes the layer's expired rows.
     *
     * @param subject "" for the organization's settings, the model's name, the device's MAC
     */
    public Uni<Void> record(UUID organizationId, Layer layer, String subject, Set<String> removed, Set<String> present,
            OffsetDateTime now, OffsetDateTime until) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("DELETE FROM removed_setting"
                + " WHERE organization_id = ?1 AND layer = ?2 AND subject = ?3 AND reset_until <= ?4")
                .setParameter(1, organizationId).setParameter(2, layer.column).setParameter(3, subject)
                .setParameter(4, now).executeUpdate()
                .flatMap(pruned -> s.createNativeQuery("SELECT key FROM removed_setting"
                        + " WHERE organization_id = ?1 AND layer = ?2 AND subject = ?3", String.class)
                        .setParameter(1, organizationId).setParameter(2, layer.column).setParameter(3, subject)
                        .getResultList())
                .flatMap((List<String> recorded) -> Multi.createFrom()
                        .iterable(recorded.stream().filter(present::contains).toList())
                        .onItem().transformToUniAndConcatenate(key -> s.createNativeQuery("DELETE FROM removed_setting"
                                + " WHERE organization_id = ?1 AND layer = ?2 AND subject = ?3 AND key = ?4")
                                .setParameter(1, organizationId).setParameter(2, layer.column)
                                .setParameter(3, subject).setParameter(4, key).executeUpdate())
                        .collect().last())
                .flatMap(v -> Multi.createFrom().iterable(removed.stream().sorted().toList())
                        .onItem().transformToUniAndConcatenate(key -> s.createNativeQuery("INSERT INTO removed_setting"
                                + " (organization_id, layer, subject, key, removed_at, reset_until)"
                                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (organization_id, layer, subject, key)"
                                + " DO UPDATE SET removed_at = EXCLUDED.removed_at, reset_until = EXCLUDED.reset_until")
                                .setParameter(1, organizationId).setParameter(2, layer.column)
                                .setParameter(3, subject).setParameter(4, key).setParameter(5, now)
                                .setParameter(6, until).executeUpdate())
                        .collect().last()))
                .replaceWithVoid();
    }

    /**
     * Keys removed from the organization's settings and from its settings for {@code model}. Read in the caller's
     * session, so that a dry run sees what its write recorded.
     */
    public Uni<RemovedKeys> common(UUID organizationId, String model) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("SELECT key, reset_until FROM removed_setting"
                + " WHERE organization_id = ?1 AND (layer = 'organization' OR (layer = 'model' AND subject = ?2))",
                Object[].class).setParameter(1, organizationId).setParameter(2, model).getResultList())
                .map(RemovedSettingRepository::keys);
    }

    /** Keys removed from the device's settings, read in the caller's session. */
    public Uni<RemovedKeys> device(MacAddress mac) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("SELECT key, reset_until FROM removed_setting"
                + " WHERE layer = 'device' AND subject = ?1", Object[].class).setParameter(1, mac.value())
                .getResultList()).map(RemovedSettingRepository::keys);
    }

    private static RemovedKeys keys(List<Object[]> rows) {
        Map<String, Instant> until = new HashMap<>();
        rows.forEach(r -> until.merge((String) r[0], instant(r[1]), (a, b) -> a.isAfter(b) ? a : b));
        return new RemovedKeys(until);
    }

    private static Instant instant(Object timestamp) {
        if (timestamp instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (timestamp instanceof Instant t) {
            return t;
        }
        return ((java.sql.Timestamp) timestamp).toInstant();
    }
}
