package io.voipconfig.phoneservice;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Configuration every phone-facing service shares (prefix {@code voipconfig}); a service's own settings are a mapping
 * of its own under the same prefix. Every secret comes from the environment in production.
 */
@ConfigMapping(prefix = "voipconfig")
public interface PhoneServiceConfig {

    PhoneAuth phoneAuth();

    Throttle throttle();

    Secrets secrets();

    Cache cache();

    interface PhoneAuth {

        /** Digest and Basic realm. */
        @WithDefault("voipconfig")
        String realm();

        /** Base64 HMAC key (at least 16 bytes) signing Digest nonces; the same on every replica of every service. */
        String nonceKey();

        /** How long a Digest nonce is accepted before the phone is asked again with {@code stale=true}. */
        @WithDefault("5M")
        Duration nonceTtl();

        /**
         * Heap for remembering which nonce counts were used (about 400 bytes per nonce in use: 32M is some 80,000 phones
         * within one nonce lifetime). When full, the least used nonces are forgotten and never accepted again (their
         * phones are asked again with {@code stale=true}), so a full memory costs round trips, never a replay.
         */
        @WithDefault("32M")
        MemorySize replayMemory();

        /** Digest algorithms offered, in order; phones take the first they support. */
        @WithDefault("MD5,SHA-256")
        List<String> digestAlgorithms();

        /** Proxies (IPs or CIDRs) whose {@code X-Forwarded-For} is believed; none by default. */
        Optional<List<String>> trustedProxies();
    }

    interface Throttle {

        /** Failures (wrong credentials, unknown MACs, replays) from one IP that start a block. */
        @WithDefault("20")
        int maxFailures();

        /** The window those failures are counted in. */
        @WithDefault("1M")
        Duration window();

        /** How long a blocked IP gets 429. */
        @WithDefault("5M")
        Duration blockFor();
    }

    interface Secrets {

        /** Key id new secrets are encrypted with. */
        String activeKey();

        /** {@code <keyId>:<base64 key>,...}: every key that may still decrypt stored secrets. */
        String keys();
    }

    interface Cache {

        /** Safety net: cached lookups and files are dropped after this even without a change event. */
        @WithDefault("10M")
        Duration ttl();

        /**
         * How long partners' own provisioning host names are kept. Short, because no event announces a partner's
         * change; partners change rarely, so reading them once a minute costs nothing.
         */
        @WithDefault("1M")
        Duration partnerTtl();

        /** Upper bound of cached devices and of cached files. */
        @WithDefault("200000")
        long maxEntries();
    }
}
