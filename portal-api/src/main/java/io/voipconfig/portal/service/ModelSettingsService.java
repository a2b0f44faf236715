package io.voipconfig.portal.service;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.voipconfig.common.catalog.PhoneModel;
import io.voipconfig.common.event.EventType;
import io.voipconfig.portal.model.ModelSettings;
import io.voipconfig.portal.model.ModelSettingsDraft;
import io.voipconfig.portal.model.Timestamps;
import io.voipconfig.portal.problem.ApiException;
import io.voipconfig.portal.repository.AggregateVersions;
import io.voipconfig.portal.repository.DeviceRepository;
import io.voipconfig.portal.repository.ModelSettingsRepository;
import io.voipconfig.portal.repository.RemovedSettingRepository.Layer;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.Infrastructure.CatalogSource;

/** An organization's settings for one phone model (its "global config" for that model). */
@ApplicationScoped
public class ModelSettingsService {

    /** What model-settings events carry. */
    public record ModelSettingsState(String model) {
    }

    private final ModelSettingsRepository settings;
    private final AggregateVersions versions;
    private final OrganizationService organizations;
    private final Outbox outbox;
    private final CatalogSource catalog;
    private final DraftValidator drafts;
    private final RemovedSettings removedSettings;
    private final DeviceRepository devices;
    private final ChangeSpreads spreads;

    public ModelSettingsService(ModelSettingsRepository settings, AggregateVersions versions,
            OrganizationService organizations, Outbox outbox, CatalogSource catalog, DraftValidator drafts,
            RemovedSettings removedSettings, DeviceRepository devices, ChangeSpreads spreads) {
        this.devices = devices;
        this.spreads = spreads;
        this.drafts = drafts;
        this.removedSettings = removedSettings;
        this.settings = settings;
        this.versions = versions;
        this.organizations = organizations;
        this.outbox = outbox;
        this.catalog = catalog;
    }

    private Uni<PhoneModel> model(String name) {
        return catalog.get().map(c -> c.byName(name.toUpperCase(Locale.ROOT))
                .orElseThrow(() -> ApiException.notFound("no model '" + name + "' in the catalog")));
    }

    public Uni<Page<ModelSettings>> list(Caller caller, String orgRef, PageRequest page) {
        return Panache.withSession(() -> organizations.visible(caller, orgRef).flatMap(org -> settings
                .count(org.id)
                .flatMap(total -> settings.page(org.id, page).map(items -> Page.of(items, page, total)))));
    }

    /** The stored settings, or none (version 0) when nothing is stored for the model. */
    public Uni<ModelSettings> get(Caller caller, String orgRef, String modelName) {
        return Panache.withSession(() -> organizations.visible(caller, orgRef).flatMap(org -> model(modelName)
                .flatMap(m -> settings.find(org.id, m.name(), false)
                        .map(found -> found != null ? found : empty(org.id, m.name())))));
    }

    /**
     * Replaces the settings for one model: a change reaches every device of that model in the organization.
     * {@code dryRun}: the same write, rolled back, with an example device's files before and after.
     */
    public Uni<Written<ModelSettings>> put(Caller caller, String orgRef, String modelName, String ifMatch,
            ModelSettingsDraft draft, boolean dryRun) {
        drafts.check(draft).throwIfAny();
        Map<String, String> values = draft.settings();
        return outbox.transaction(() -> organizations.visible(caller, orgRef).flatMap(org -> model(modelName)
                .flatMap(m -> settings.find(org.id, m.name(), true).flatMap(current -> {
                    Versions.check(ifMatch, current == null ? 0 : current.version);
                    Map<String, String> before = current == null ? Map.of() : current.sortedSettings();
                    return spreads.before(dryRun, caller, org, m.name(), null).flatMap(example -> versions.next()
                            .flatMap(version -> {
                                ModelSettings target = current != null ? current : empty(org.id, m.name());
                                target.settings = new TreeMap<>(values);
                                target.version = version;
                                target.updatedAt = Timestamps.now();
                                return current != null ? Uni.createFrom().item(target) : settings.persist(target);
                            })
                            .call(s -> removedSettings.record(org.id, Layer.MODEL, m.name(), before, s.settings))
                            .call(s -> outbox.append(EventType.MODEL_SETTINGS_CHANGED,
                                    org.id + "/" + m.name(), org, s.version, new ModelSettingsState(m.name())))
                            .flatMap(s -> (before.equals(values)
                                    ? Uni.createFrom().item(0L)
                                    : devices.countOfModel(org.id, m.name()))
                                    .flatMap(affected -> spreads.settle(dryRun, caller, org, example, affected, s))));
                }))));
    }

    private static ModelSettings empty(UUID organizationId, String model) {
        ModelSettings s = new ModelSettings();
        s.key = new ModelSettings.Key(organizationId, model);
        s.settings = new TreeMap<>();
        s.version = 0;
        return s;
    }
}
