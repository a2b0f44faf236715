package io.voipconfig.phonebook.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.voipconfig.common.phoneservice.PhoneServiceConfig;

/** phonebook-service configuration (prefix {@code voipconfig}): the shared phone settings plus its own. */
@ConfigMapping(prefix = "voipconfig")
public interface PhonebookServiceConfig extends PhoneServiceConfig {

    Phonebooks phonebooks();

    interface Phonebooks {

        /**
         * A phonebook whose XML is at most this many bytes is kept in memory once rendered (per version and dialect);
         * larger ones are streamed from the database for every request.
         */
        @WithDefault("1048576")
        int cacheMaxBytes();

        /** Memory for rendered phonebooks, in bytes. */
        @WithDefault("134217728")
        long cacheTotalBytes();

        /** Most entries a search ({@code ?q=}) answers with. */
        @WithDefault("500")
        int searchLimit();
    }
}
