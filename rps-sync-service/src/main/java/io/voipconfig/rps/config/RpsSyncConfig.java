package io.voipconfig.rps.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.voipconfig.common.config.PublicUrls;

/** rps-sync-service configuration (prefix {@code voipconfig}); credentials come from the environment. */
@ConfigMapping(prefix = "voipconfig")
public interface RpsSyncConfig {

    Rps rps();

    PublicUrls urls();

    Secrets secrets();

    Sync sync();

    Reconcile reconcile();

    interface Reconcile {

        /** How often a reconciliation runs (a Quarkus scheduler period, e.g. {@code 1h}; {@code off} disables it). */
        @WithDefault("1h")
        String every();

        /**
         * Per organization, the least time from the start of one resync to the start of the next; a resync asked for
         * sooner is refused (429 with Retry-After). Keeps an org-admin from queueing resyncs behind the RPS call rate
         * that every organization shares. {@code 0S}: no limit.
         */
        @WithDefault("60S")
        Duration resyncInterval();

        /** The same for an organization's dry run, which lists our RPS servers and devices as a resync does. */
        @WithDefault("10S")
        Duration dryRunInterval();

        /**
         * How long a run holds its scope (one organization, or the whole installation) against another run when its
         * replica dies before it finishes; a run that finishes releases it at once.
         */
        @WithDefault("30M")
        Duration lease();
    }

    /** The redirect service: Yealink RPS, or the simulator (one switch: the base URL and the key pair). */
    interface Rps {

        /** {@code https://api-dm.yealink.com:8443} for Yealink; the simulator's URL locally. */
        @WithDefault("https://api-dm.yealink.com:8443")
        String baseUrl();

        /** AccessKeyId (env VOIPCONFIG_RPS_ACCESS_KEY_ID). */
        String accessKeyId();

        /** AccessKeySecret (env VOIPCONFIG_RPS_ACCESS_KEY_SECRET). */
        String accessKeySecret();

        /** Per-call timeout. */
        @WithDefault("10S")
        Duration timeout();

        /** Most calls per second towards the service, spread evenly (0: no limit). */
        @WithDefault("10")
        double ratePerSecond();
    }

    interface Secrets {

        String activeKey();

        String keys();
    }

    interface Sync {

        /** RPS server names are {@code <prefix><16 hex of the organization id>}: unique and stable. */
        @WithDefault("vc-")
        String serverNamePrefix();

        /** Attempts for a transient failure (5xx, 429, timeout) before the event goes to the dead-letter topic. */
        @WithDefault("6")
        int maxAttempts();

        /** First retry delay; doubled per attempt, with jitter, up to {@link #maxBackoff()}. */
        @WithDefault("200MS")
        Duration initialBackoff();

        @WithDefault("10S")
        Duration maxBackoff();
    }
}
