package io.voipconfig.portal.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.voipconfig.common.config.PublicUrls;

/** portal-api configuration (prefix {@code voipconfig}); secrets come from the environment in production. */
@ConfigMapping(prefix = "voipconfig")
public interface PortalConfig {

    Secrets secrets();

    PublicUrls urls();

    /** Phonebook XML dialect named in phonebook URLs (must match config-service's). */
    @WithDefault("yealink")
    String phonebookType();

    Outbox outbox();

    Media media();

    @WithName("import")
    DeviceImport deviceImport();

    Console console();

    RemovedSettings removedSettings();

    SecurityEvents securityEvents();

    Activity activity();

    Audit audit();

    Invitations invitations();

    /** Invitations of organizations' logins by e-mail (Keycloak's execute-actions e-mail). */
    interface Invitations {

        /** How long the link in an invitation works. */
        @WithDefault("72H")
        Duration lifespan();
    }

    interface Secrets {

        /** Key id new secrets are encrypted with (env {@code VOIPCONFIG_SECRETS_ACTIVE_KEY}). */
        String activeKey();

        /** {@code <keyId>:<base64 key>,...}: every key that may still decrypt stored secrets. */
        String keys();
    }

    interface Outbox {

        /** How often the relay looks for unpublished events when nothing woke it. */
        @WithDefault("500ms")
        Duration pollInterval();

        /** Events published per transaction of the relay. */
        @WithDefault("500")
        int batchSize();

        /** Published events are deleted from the outbox after this. */
        @WithDefault("7D")
        Duration retention();

        /** Set to false to run a replica without a relay (another replica publishes; at most one does at a time). */
        @WithDefault("true")
        boolean relayEnabled();
    }

    interface Media {

        /** Largest media upload accepted, in bytes. */
        @WithDefault("10485760")
        long maxBytes();

        /**
         * Largest image accepted, in pixels on each side (read from the file's header, never decoded): media-service
         * decodes wallpapers to fit them to screens, and a small file can claim billions of pixels.
         */
        @WithDefault("4096")
        int maxImageSide();
    }

    interface DeviceImport {

        /** Largest CSV import accepted, in rows. */
        @WithDefault("100000")
        int maxRows();
    }

    /** Phone requests the gate did not allow, counted per minute (docs/portal-api.md, "Security events"). */
    interface SecurityEvents {

        /** How long counted minutes are kept. */
        @WithDefault("30D")
        Duration retention();
    }

    /** Provisioning activity in daily partitions (docs/portal-api.md, "Activity"). */
    interface Activity {

        /**
         * How long activity is kept: a day's partition is dropped once its last moment is older than this, and events
         * older than this are not stored.
         */
        @WithDefault("30D")
        Duration retention();

        /** How often a replica creates the coming days' partitions and drops expired ones. */
        @WithDefault("1H")
        Duration maintenanceInterval();
    }

    /** The admin audit trail (docs/portal-api.md, "Audit trail"). */
    interface Audit {

        /** How long entries are kept. */
        @WithDefault("365D")
        Duration retention();

        /**
         * Proxies (addresses or CIDR ranges, e.g. the ingress controller's) whose {@code X-Forwarded-For} names the
         * caller's address; without them the entry holds the peer's.
         */
        Optional<List<String>> trustedProxies();
    }

    /** Setting keys a write removed (docs/portal-api.md, "Removed settings"). */
    interface RemovedSettings {

        /** How long the files reset a removed key ({@code key =}) so that phones drop the value they kept. */
        @WithDefault("30D")
        Duration retention();
    }

    /** The web console served under /console/ (docs/console.md). */
    interface Console {

        /**
         * The realm URL the browser signs in at, as the browser reaches it (in production often not the URL portal-api
         * uses internally); by default portal-api's own {@code quarkus.oidc.auth-server-url}.
         */
        @WithDefault("${quarkus.oidc.auth-server-url}")
        String authority();

        /** The realm's public client for the console (Authorization Code with PKCE). */
        @WithDefault("voipconfig-spa")
        String clientId();
    }
}
