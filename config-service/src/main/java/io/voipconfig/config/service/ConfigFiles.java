package io.voipconfig.config.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.voipconfig.common.cache.Weights;
import io.voipconfig.common.catalog.ModelCatalog;
import io.voipconfig.common.catalog.PhoneModel;
import io.voipconfig.common.phone.DeviceView;
import io.voipconfig.common.phone.GateResult;
import io.voipconfig.common.phone.OrgView;
import io.voipconfig.common.render.ConfigRenderer;
import io.voipconfig.common.render.RemovedKeys;
import io.voipconfig.common.render.RenderedFile;
import io.voipconfig.common.settings.Placeholders;
import io.voipconfig.common.useragent.YealinkUserAgent;
import io.voipconfig.config.config.ConfigServiceConfig;
import io.voipconfig.config.repository.ConfigRepository;
import io.voipconfig.config.service.PhoneFile.Kind;
import io.voipconfig.config.service.PhoneFile.Variant;
import io.voipconfig.phoneservice.CacheBudget;
import io.voipconfig.phoneservice.ChangeListener.PhoneDataChanged;
import io.voipconfig.phoneservice.PhoneServiceConfig;

/**
 * Produces the bytes of each phone file and keeps them: rendered bodies are cached per organization and file and
 * dropped by change events ({@link #invalidateOrganization}, {@link #invalidateDevice}), so a reboot storm renders
 * every file once. A file that cannot render is not cached; the caller answers 503.
 */
@ApplicationScoped
public class ConfigFiles {

    /**
     * {@code mac} is set only for files whose content depends on the device asking. {@code generation},
     * {@code orgVersion} and {@code deviceVersion} make a file rendered from data read before a change unreachable
     * once the change is known: a render that began with a device view fetched just before its change event is cached
     * under the old versions, and every later request (with fresh views) misses it. {@code provisioningHost} (the
     * partner's own host name the URLs in the file name, or "") does the same for a partner's change, which has no
     * event.
     */
    record FileKey(
            UUID organizationId,
            long generation,
            long orgVersion,
            long deviceVersion,
            String provisioningHost,
            String file,
            String subject,
            String model,
            String mac,
            Set<String> resets) {
    }

    record ModelSettingsKey(UUID organizationId, String model) {
    }

    record DeviceKey(UUID organizationId, String mac) {
    }

    private final ConfigRepository repository;
    private final ConfigRenderer renderer;
    private final AsyncCache<FileKey, Optional<RenderedFile>> cache;
    private final ConcurrentHashMap<UUID, AtomicLong> generations = new ConcurrentHashMap<>();
    private final AtomicLong globalGeneration = new AtomicLong();
    private final AsyncCache<ModelSettingsKey, Layers> commonLayers;
    private final AsyncCache<DeviceKey, RemovedKeys> deviceRemovedKeys;
    private final Clock clock;

    public ConfigFiles(ConfigRepository repository, ConfigServiceConfig config, PhoneServiceConfig phoneConfig,
            CacheBudget budget, MeterRegistry registry, Clock clock) {
        this.repository = repository;
        this.clock = clock;
        this.renderer = new ConfigRenderer(ConfigRenderer.Urls.of(config.urls()), config.phonebookType());
        Duration ttl = phoneConfig.cache().ttl();
        // Rendered files take most of the files' budget; the layers they are rendered from are small.
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumWeight(budget.filesBytes() * 80 / 100)
                .weigher((FileKey k, Optional<RenderedFile> f) -> f
                        .map(r -> Weights.file(r, k.file(), k.subject(), k.model(), k.mac()))
                        .orElse(Weights.ENTRY + 64))
                .recordStats().buildAsync();
        this.commonLayers = Caffeine.newBuilder().expireAfterWrite(ttl).maximumWeight(budget.filesBytes() * 5 / 100)
                .weigher((ModelSettingsKey k, Layers l) -> Weights.ENTRY + 64 + Weights.map(l.settings())
                        + Weights.strings(l.removed().until().keySet()))
                .recordStats().buildAsync();
        this.deviceRemovedKeys = Caffeine.newBuilder().expireAfterWrite(ttl)
                .maximumWeight(budget.filesBytes() * 15 / 100)
                .weigher((DeviceKey k, RemovedKeys r) -> Weights.ENTRY + 64 + Weights.string(k.mac())
                        + Weights.strings(r.until().keySet()))
                .recordStats().buildAsync();
        CacheBudget.monitor(registry, "config.files", cache.synchronous());
        CacheBudget.monitor(registry, "config.common-layers", commonLayers.synchronous());
        CacheBudget.monitor(registry, "config.device-removed-keys", deviceRemovedKeys.synchronous());
    }

    /** The change listener has dropped the directory's entries; the files rendered from them go too. */
    void onChange(@Observes PhoneDataChanged change) {
        if (change.event().isEmpty()) {
            invalidateAll();
            return;
        }
        change.organizationId().ifPresent(this::invalidateOrganization);
        change.device().ifPresent(mac -> invalidateDevice(mac.value()));
    }

    /**
     * The file for an authenticated phone; empty when it does not exist (404). A hit completes synchronously from
     * the cache; a {@link io.voipconfig.common.settings.RenderException} fails the future (503).
     */
    public CompletableFuture<Optional<RenderedFile>> file(PhoneFile file, GateResult.Allowed phone) {
        OrgView org = phone.org();
        long generation = generation(org.id());
        if (file.variant() != Variant.PLAIN && !org.encryptionEnabled()) {
            return CompletableFuture.completedFuture(Optional.empty()); // fast 404 for .enc when encryption is off
        }
        return repository.catalog().thenCompose(catalog -> {
            Optional<PhoneModel> model = modelFor(file, phone, catalog);
            if (file.kind() != Kind.GLOBAL_XML && file.kind() != Kind.CA_PEM && model.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.<RenderedFile>empty());
            }
            String modelName = model.map(PhoneModel::name).orElse("");
            CompletableFuture<Layers> layers = switch (file.kind()) {
                case COMMON_CFG -> commonLayers(org, modelName);
                case MAC_CFG -> deviceRemovedKeys(org, phone.device().get())
                        .thenApply(removed -> new Layers(Map.of(), removed));
                default -> CompletableFuture.completedFuture(Layers.NONE);
            };
            return layers.thenCompose(l -> {
                // A common file is shared by the organization's phones unless its settings name the device.
                boolean perDevice = file.kind() != Kind.COMMON_CFG || dependsOnDevice(org.settings(), l.settings());
                String mac = perDevice ? phone.mac().map(Object::toString).orElse("") : "";
                long deviceVersion = phone.device().map(DeviceView::version).orElse(0L);
                // The resets still due now are part of the key: when a key's window ends, the file without it is
                // rendered at the next request, with no event to announce it.
                Set<String> resets = l.removed().activeAt(clock.instant());
                FileKey key = new FileKey(org.id(), generation, org.version(), deviceVersion,
                        Objects.toString(org.provisioningHost(), ""), file.kind() + "/" + file.variant(),
                        file.subject(), modelName, mac, resets);
                if (file.kind() == Kind.MAC_BOOT) {
                    // Two include lines from the device view, no database read: a copy per device would take
                    // memory that files needing database reads are better off with.
                    return render(file, phone, model.orElse(null), l.settings(), resets).subscribeAsCompletionStage();
                }
                return cache.get(key, (k, executor) -> render(file, phone, model.orElse(null), l.settings(), resets)
                        .subscribeAsCompletionStage());
            });
        });
    }

    /** What a file is rendered from besides the organization and device: model settings and removed keys. */
    record Layers(Map<String, String> settings, RemovedKeys removed) {

        static final Layers NONE = new Layers(Map.of(), RemovedKeys.NONE);
    }

    private CompletableFuture<Layers> commonLayers(OrgView org, String model) {
        return commonLayers.get(new ModelSettingsKey(org.id(), model),
                (k, executor) -> repository.modelSettings(org.id(), model)
                        .flatMap(settings -> repository.removedKeys(org.id(), model)
                                .map(removed -> new Layers(settings, removed)))
                        .subscribeAsCompletionStage());
    }

    private CompletableFuture<RemovedKeys> deviceRemovedKeys(OrgView org, DeviceView device) {
        return deviceRemovedKeys.get(new DeviceKey(org.id(), device.mac().value()),
                (k, executor) -> repository.removedKeys(device.mac()).subscribeAsCompletionStage());
    }

    private static boolean dependsOnDevice(Map<String, String> orgSettings, Map<String, String> modelSettings) {
        return Stream.concat(orgSettings.values().stream(), modelSettings.values().stream())
                .flatMap(v -> Placeholders.namesIn(v).stream())
                .anyMatch(n -> Placeholders.DEVICE_NAMES.contains(n) || n.startsWith("ACCOUNT_"));
    }

    private Uni<Optional<RenderedFile>> render(PhoneFile file, GateResult.Allowed phone, PhoneModel model,
            Map<String, String> ms, Set<String> resets) {
        OrgView org = phone.org();
        Optional<DeviceView> device = phone.device();
        Uni<Optional<String>> text = switch (file.kind()) {
            case MAC_BOOT, COMMON_BOOT ->
                Uni.createFrom().item(() -> Optional.of(renderer.bootFile(model, device.get())));
            case MAC_CFG -> repository.accounts(device.get().mac())
                    .flatMap(accounts -> repository.phonebooks(device.get().mac(), org.id())
                            .map(books -> Optional.of(renderer.macFile(org, device.get(), model, accounts, books,
                                    resets))));
            case COMMON_CFG -> Uni.createFrom().item(() -> Optional.of(renderer.commonFile(org, model, ms,
                    device.filter(d -> d.model().equalsIgnoreCase(model.name())), resets)));
            case GLOBAL_XML -> repository.globalXml(org.id(), file.subject());
            case CA_PEM -> Uni.createFrom().item(Optional.ofNullable(org.caCertificate()).filter(s -> !s.isBlank()));
        };
        return text.map(t -> t.map(body -> encode(file, org, body)));
    }

    private static RenderedFile encode(PhoneFile file, OrgView org, String body) {
        return switch (file.kind()) {
            case MAC_CFG, COMMON_CFG -> org.encryptionEnabled() && file.variant() == Variant.SECURITY_KEY
                    ? RenderedFile.securityKey(org)
                    : RenderedFile.cfg(body, org);
            case GLOBAL_XML -> RenderedFile.of(body.getBytes(StandardCharsets.UTF_8), RenderedFile.XML);
            case CA_PEM -> RenderedFile.of(body.getBytes(StandardCharsets.UTF_8), RenderedFile.PEM);
            case MAC_BOOT, COMMON_BOOT -> RenderedFile.of(body.getBytes(StandardCharsets.UTF_8), RenderedFile.TEXT);
        };
    }

    /**
     * The model a file is for: the device's; for a common file, the device's model if it has that code, else the
     * User-Agent's, else the first catalog model with that code.
     */
    static Optional<PhoneModel> modelFor(PhoneFile file, GateResult.Allowed phone, ModelCatalog catalog) {
        Optional<PhoneModel> deviceModel = phone.device().flatMap(d -> catalog.byName(d.model()));
        if (file.kind() != Kind.COMMON_CFG) {
            return deviceModel;
        }
        String code = file.subject();
        return deviceModel.filter(m -> m.commonFileCode().equals(code))
                .or(() -> phone.userAgent().map(YealinkUserAgent::model).flatMap(catalog::byName)
                        .filter(m -> m.commonFileCode().equals(code)))
                .or(() -> catalog.byCommonFileCode(code).stream().findFirst());
    }

    /** Changes of the organization seen so far (with {@link #globalGeneration} for "forget everything"). */
    private long generation(UUID organizationId) {
        AtomicLong g = generations.get(organizationId);
        return globalGeneration.get() + (g == null ? 0 : g.get());
    }

    public void invalidateOrganization(UUID organizationId) {
        generations.computeIfAbsent(organizationId, k -> new AtomicLong()).incrementAndGet();
        cache.asMap().keySet().removeIf(k -> k.organizationId().equals(organizationId));
        commonLayers.asMap().keySet().removeIf(k -> k.organizationId().equals(organizationId));
        deviceRemovedKeys.asMap().keySet().removeIf(k -> k.organizationId().equals(organizationId));
    }

    public void invalidateDevice(String mac) {
        cache.asMap().keySet().removeIf(k -> k.subject().equals(mac) || k.mac().equals(mac));
        deviceRemovedKeys.asMap().keySet().removeIf(k -> k.mac().equals(mac));
    }

    public void invalidateAll() {
        globalGeneration.incrementAndGet();
        cache.synchronous().invalidateAll();
        commonLayers.synchronous().invalidateAll();
        deviceRemovedKeys.synchronous().invalidateAll();
    }
}
