package io.voipconfig.media.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.voipconfig.common.phoneservice.PhoneServiceConfig;

/** media-service configuration (prefix {@code voipconfig}): the shared phone settings plus its own. */
@ConfigMapping(prefix = "voipconfig")
public interface MediaServiceConfig extends PhoneServiceConfig {

    Media media();

    interface Media {

        /** Files up to this size are kept in memory once read; larger ones are streamed from the database in chunks. */
        @WithDefault("1048576")
        int cacheMaxBytes();

        /** Memory for cached originals and fitted wallpapers, in bytes. */
        @WithDefault("268435456")
        long cacheTotalBytes();

        /** Chunk size when streaming a large file from the database. */
        @WithDefault("262144")
        int chunkBytes();
    }
}
