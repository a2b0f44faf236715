package io.voipconfig.config.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.voipconfig.common.config.PublicUrls;

/**
 * config-service configuration (prefix {@code voipconfig}): the URLs it renders. What every phone-facing service
 * shares is {@link io.voipconfig.phoneservice.PhoneServiceConfig}, under the same prefix.
 */
@ConfigMapping(prefix = "voipconfig")
public interface ConfigServiceConfig {

    PublicUrls urls();

    /** Phonebook XML dialect named in phonebook URLs: {@code yealink} (YealinkIPPhoneBook) or {@code directory}. */
    @WithDefault("yealink")
    String phonebookType();
}
