package io.voipconfig.portal.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.voipconfig.common.catalog.ModelCatalog;
import io.voipconfig.common.crypto.SecretCipher;
import io.voipconfig.common.render.ConfigRenderer;
import io.voipconfig.portal.config.PortalConfig;

/** Shared pieces built from configuration. */
@ApplicationScoped
public class Infrastructure {

    @Produces
    @Singleton
    SecretCipher secretCipher(PortalConfig config) {
        return SecretCipher.fromSpec(config.secrets().activeKey(), config.secrets().keys());
    }

    @Produces
    @Singleton
    ConfigRenderer renderer(PortalConfig config) {
        return new ConfigRenderer(ConfigRenderer.Urls.of(config.urls()), config.phonebookType());
    }

    /** The model catalog changes only with migrations; kept for a minute. */
    @Produces
    @Singleton
    CatalogSource catalog(Pool pool) {
        // A failed load is not kept (Caffeine drops failed futures): the next request tries again.
        AsyncLoadingCache<String, ModelCatalog> cache = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1))
                .buildAsync((k, executor) -> ModelCatalog.load(pool).subscribeAsCompletionStage());
        return () -> Uni.createFrom().completionStage(() -> cache.get("catalog"));
    }

    /** The phone model catalog, as a cached {@link Uni}. */
    @FunctionalInterface
    public interface CatalogSource {

        Uni<ModelCatalog> get();
    }
}
