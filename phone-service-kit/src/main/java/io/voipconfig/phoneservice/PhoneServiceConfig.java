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

    Activity activity();

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

    /** 429s keyed by what failed (docs/security.md, "Guessing and lockout"); IPv6 addresses count by /64. */
    interface Throttle {

        /**
         * Wrong credentials (or replays, or a MAC outside the organization) from one address for one user name that
         * block that pair; other user names from the same address are not held.
         */
        @WithDefault("20")
        int wrongCredentialsPerAddress();

        /**
         * Wrong credentials for one user name from all addresses that block it for every address that has not
         * authenticated with it in the last day (guessing spread over many addresses).
         */
        @WithDefault("200")
        int wrongCredentialsPerUser();

        /** Failures no user name can be tied to (an unknown organization, an unreadable header) that block an address. */
        @WithDefault("300")
        int failuresPerAddress();

        /** Requests without credentials accepted from one address per window (a rate, never a failure). */
        @WithDefault("1200")
        int unauthenticatedPerAddress();

        /** The window all of these are counted in. */
        @WithDefault("1M")
        Duration window();

        /** How long a block by failures lasts. */
        @WithDefault("5M")
        Duration blockFor();

        /** Keys (addresses, user names, pairs) remembered per limit. */
        @WithDefault("100000")
        long maxKeys();
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

        /**
         * The share of the maximum heap ({@code -Xmx}) all of the service's caches may take together, estimated by
         * {@code Weights}: the directory of organizations and devices, and the service's own files. What does not fit
         * is read again when asked for, so a larger fleet costs database reads, never memory (docs/architecture.md,
         * "Memory").
         */
        @WithDefault("0.3")
        double heapShare();

        /** The directory's part of that (the rest is the service's files: rendered configuration, phonebooks, media). */
        @WithDefault("0.5")
        double directoryShare();
    }

    interface Activity {

        /**
         * Repeats of a request (alike in everything but their time) within this window go to Kafka as one event with
         * their count, sent when the window ends; the first of each goes at once. 0 sends every request as its own
         * event.
         */
        @WithDefault("1S")
        Duration coalesceWindow();

        /** Kinds of request remembered per window; a request of a kind beyond them is sent as it is. */
        @WithDefault("20000")
        int coalesceMaxKinds();
    }
}
