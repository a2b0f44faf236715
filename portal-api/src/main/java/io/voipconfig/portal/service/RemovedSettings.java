package io.voipconfig.portal.service;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.config.PortalConfig;
import io.voipconfig.portal.model.Timestamps;
import io.voipconfig.portal.repository.RemovedSettingRepository;
import io.voipconfig.portal.repository.RemovedSettingRepository.Layer;

/**
 * Remembers which setting keys a write removed, so that the files reset them ({@code key =}) for the retention window
 * ({@code voipconfig.removed-settings.retention}): a Yealink phone keeps a value that merely disappears from its files
 * (docs/portal-api.md, "Removed settings"). Called inside the write's transaction.
 */
@ApplicationScoped
public class RemovedSettings {

    private final RemovedSettingRepository repository;
    private final PortalConfig config;

    public RemovedSettings(RemovedSettingRepository repository, PortalConfig config) {
        this.repository = repository;
        this.config = config;
    }

    /** The keys of {@code before} that {@code after} no longer has, reset until the window ends. */
    public Uni<Void> record(UUID organizationId, Layer layer, String subject, Map<String, String> before,
            Map<String, String> after) {
        Set<String> removed = new TreeSet<>(before.keySet());
        removed.removeAll(after.keySet());
        OffsetDateTime now = Timestamps.now();
        return repository.record(organizationId, layer, subject, removed, after.keySet(), now,
                now.plus(config.removedSettings().retention()));
    }
}
