package io.voipconfig.config.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * config-service configuration (prefix {@code voipconfig}): the URLs it renders. What every phone-facing service
 * shares is {@link io.voipconfig.phoneservice.PhoneServiceConfig}, under the same prefix.
 */
@ConfigMapping(prefix = "voipconfig")
public interface ConfigServiceConfig {

    Urls urls();

    /** Phonebook XML dialect named in phonebook URLs: {@code yealink} (YealinkIPPhoneBook) or {@code directory}. */
    @WithDefault("yealink")
    String phonebookType();

    interface Urls {

        /** Public base URL of config-service as phones reach it; the provisioning URL is this plus {@code /o/<slug>/}. */
        @WithDefault("http://localhost:8081")
        String provisioning();

        /** Public base URL of phonebook-service. */
        @WithDefault("http://localhost:8082")
        String phonebook();

        /** Public base URL of media-service. */
        @WithDefault("http://localhost:8083")
        String media();
    }
}
