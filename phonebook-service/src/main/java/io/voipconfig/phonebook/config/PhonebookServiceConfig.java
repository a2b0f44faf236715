package io.voipconfig.phonebook.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * phonebook-service configuration (prefix {@code voipconfig}): its own settings. What every phone-facing service shares is
 * {@link io.voipconfig.phoneservice.PhoneServiceConfig}, under the same prefix.
 */
@ConfigMapping(prefix = "voipconfig")
public interface PhonebookServiceConfig {

    Phonebooks phonebooks();

    interface Phonebooks {

        /**
         * A phonebook whose XML is at most this many bytes is kept in memory once rendered (per version and dialect);
         * larger ones are streamed from the database for every request.
         */
        @WithDefault("1048576")
        int cacheMaxBytes();

        /**
         * Memory for rendered phonebooks, in bytes; unset, the files' part of {@code voipconfig.cache.heap-share}.
         */
        Optional<Long> cacheTotalBytes();

        /**
         * Most phonebooks streamed at once to one client address (a stream lasts as long as its phone reads); more
         * get 429 with Retry-After. Phones behind one NAT rarely fetch a large phonebook at the same moment.
         */
        @WithDefault("8")
        int maxStreamsPerAddress();

        /** Most entries a search ({@code ?q=}) answers with. */
        @WithDefault("500")
        int searchLimit();
    }
}
