package io.voipconfig.phoneservice;

import com.github.benmanes.caffeine.cache.Cache;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * The heap a phone-facing service's caches may take: {@code voipconfig.cache.heap-share} of the maximum heap, split
 * between the directory of organizations and devices and the service's own files. Bounding by bytes rather than by
 * entries keeps memory flat as the fleet grows: a fleet larger than the budget costs database reads, not a full heap.
 *
 * @param directoryBytes for {@link io.voipconfig.common.phone.PhoneDirectory}
 * @param filesBytes for the service's rendered files, phonebooks or media
 */
public record CacheBudget(long directoryBytes, long filesBytes) {

    public static CacheBudget of(long maxHeap, double heapShare, double directoryShare) {
        if (heapShare <= 0 || heapShare >= 1 || directoryShare <= 0 || directoryShare >= 1) {
            throw new IllegalArgumentException("voipconfig.cache.heap-share and .directory-share must be between 0 and"
                    + " 1 (exclusive), got " + heapShare + " and " + directoryShare);
        }
        long total = (long) (maxHeap * heapShare);
        long directory = (long) (total * directoryShare);
        return new CacheBudget(directory, total - directory);
    }

    /**
     * Publishes a cache's hits, misses, evictions and size ({@code cache_*{cache=name}}, Micrometer's Caffeine binder;
     * the cache must record stats) and, for a cache bounded by weight, its estimated bytes and their bound
     * ({@code voipconfig_cache_weight_bytes}, {@code voipconfig_cache_max_weight_bytes}).
     */
    public static void monitor(MeterRegistry registry, String name, Cache<?, ?> cache) {
        CaffeineCacheMetrics.monitor(registry, cache, name);
        cache.policy().eviction().filter(e -> e.isWeighted()).ifPresent(eviction -> {
            Gauge.builder("voipconfig.cache.weight.bytes", cache, c -> eviction.weightedSize().orElse(0))
                    .description("Estimated heap taken by the cache's entries").tag("cache", name).register(registry);
            Gauge.builder("voipconfig.cache.max.weight.bytes", cache, c -> eviction.getMaximum())
                    .description("The cache's bound, a share of the heap").tag("cache", name).register(registry);
        });
    }
}
