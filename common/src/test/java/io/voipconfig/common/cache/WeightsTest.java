package io.voipconfig.common.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.phone.AuthMode;
import io.voipconfig.common.phone.DeviceView;
import io.voipconfig.common.phone.OrgView;
import io.voipconfig.common.render.RenderedFile;
import io.voipconfig.common.render.UpdateSchedule;

/**
 * The estimates bound the caches' memory, so they are checked against what a filled cache really takes: JOL walks the
 * cache's object graph (nodes, keys, futures, values) and the bytes per entry must be close to the estimate. Too low
 * and a cache outgrows its share of the heap; far too high and it holds less than it could.
 */
class WeightsTest {

    static final int ENTRIES = 2_000;

    static {
        // The cache holds the weigher, a lambda (a hidden class): JOL finds its field offsets this way.
        System.setProperty("jol.magicFieldOffset", "true");
    }

    /** A string of its own, as one read from a database row is (a literal would be shared by every entry). */
    static String own(String s) {
        return new String(s.toCharArray());
    }

    static DeviceView device(int i) {
        return new DeviceView(MacAddress.parse(String.format("0015ba%06x", i)), UUID.randomUUID(), own("T46U"),
                "Reception desk " + i, Map.of(), null, null, 3, null,
                new DeviceView.UsedCredentials(UUID.randomUUID(), 1));
    }

    @Test
    void aDeviceEntryWeighsWhatItTakes() {
        assertCloseToMeasured(i -> {
            DeviceView d = device(i);
            return Map.entry(d.mac(), Optional.of(d)); // the directory keys a device by the MAC it holds
        }, e -> Weights.device(e.getValue().get()));
    }

    @Test
    void aDeviceWithSettingsAndMediaWeighsWhatItTakes() {
        assertCloseToMeasured(i -> {
            Map<String, String> settings = new TreeMap<>(Map.of(own("account.1.label"), "Desk " + i,
                    own("phone_setting.backlight_time"), own("60"), own("lang.gui"), own("Dutch")));
            DeviceView d = new DeviceView(MacAddress.parse(String.format("0015bb%06x", i)), UUID.randomUUID(),
                    own("T54W"),
                    "Sales " + i, Collections.unmodifiableMap(settings), own("beach.jpg"), "ring-" + i + ".wav", 9,
                    new DeviceView.MovedFrom(UUID.randomUUID(), Instant.now()), null);
            return Map.entry(d.mac(), Optional.of(d));
        }, e -> Weights.device(e.getValue().get()));
    }

    @Test
    void anOrganizationEntryWeighsWhatItTakes() {
        assertCloseToMeasured(i -> {
            UUID id = UUID.randomUUID();
            OrgView o = new OrgView(id, "org-" + i, "Organization number " + i, UUID.randomUUID(), null, "user-" + i,
                    "a-long-provisioning-password-" + i, AuthMode.DIGEST, false, null, null,
                    Map.of(), 4, UpdateSchedule.PLATFORM_DEFAULT);
            return Map.entry(id, Optional.of(o));
        }, e -> Weights.organization(e.getValue().get()));
    }

    @Test
    void aRenderedFileEntryWeighsWhatItTakes() {
        assertCloseToMeasured(i -> {
            String text = "#!version:1.0.0.1\n" + "account.1.user_name = " + (100000 + i) + "\n"
                    + "account.1.label = Reception desk\n".repeat(1 + i % 40);
            String mac = String.format("0015ba%06x", i);
            return Map.entry(new Key(own("MAC_CFG/PLAIN"), mac, own("T46U"), mac),
                    Optional.of(RenderedFile.of(text.getBytes(StandardCharsets.UTF_8), RenderedFile.TEXT)));
        }, e -> Weights.file(e.getValue().get(), e.getKey().file(), e.getKey().subject(), e.getKey().model(),
                e.getKey().mac()));
    }

    /** Shaped like config-service's file key: strings and a few numbers. */
    record Key(
            String file,
            String subject,
            String model,
            String mac,
            UUID organizationId,
            long generation,
            long orgVersion,
            long deviceVersion) {

        Key(String file, String subject, String model, String mac) {
            this(file, subject, model, new String(mac), UUID.randomUUID(), 0, 1, 2);
        }
    }

    /** Fills a cache as the services do, and compares the bytes JOL counts per entry with the mean estimate. */
    private static <K, V> void assertCloseToMeasured(IntFunction<Map.Entry<K, V>> entry,
            ToIntFunction<Map.Entry<K, V>> estimate) {
        // A same-thread executor: the default (the common pool) would lead JOL's walk into threads and class loaders.
        AsyncCache<K, V> cache = Caffeine.newBuilder().executor(Runnable::run).maximumWeight(Long.MAX_VALUE)
                .weigher((K k, V v) -> estimate.applyAsInt(Map.entry(k, v))).recordStats().buildAsync();
        long empty = GraphLayout.parseInstance(cache).totalSize();
        long estimated = 0;
        for (int i = 1; i <= ENTRIES; i++) {
            Map.Entry<K, V> e = entry.apply(i);
            cache.put(e.getKey(), CompletableFuture.completedFuture(e.getValue()));
            estimated += estimate.applyAsInt(e);
        }
        cache.synchronous().cleanUp();
        long measured = GraphLayout.parseInstance(cache).totalSize() - empty;
        double ratio = (double) estimated / measured;
        assertThat(ratio).as("estimated %d bytes per entry, measured %d", estimated / ENTRIES, measured / ENTRIES)
                .isBetween(0.9, 1.25);
    }
}
