package io.voipconfig.media.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * media-service configuration (prefix {@code voipconfig}): its own settings. What every phone-facing service shares is
 * {@link io.voipconfig.phoneservice.PhoneServiceConfig}, under the same prefix.
 */
@ConfigMapping(prefix = "voipconfig")
public interface MediaServiceConfig {

    Media media();

    interface Media {

        /** Files up to this size are kept in memory once read; larger ones are streamed from the database in chunks. */
        @WithDefault("1048576")
        int cacheMaxBytes();

        /**
         * Memory for cached originals and fitted wallpapers, in bytes; unset, the files' part of {@code voipconfig.cache.heap-share}.
         */
        Optional<Long> cacheTotalBytes();

        /**
         * Wallpapers larger than this many pixels on a side are never decoded to fit a screen (portal-api refuses
         * them at upload with the same default; this guards what was stored before, or with another limit).
         */
        @WithDefault("4096")
        int maxImageSide();

        /** Chunk size when streaming a large file from the database. */
        @WithDefault("262144")
        int chunkBytes();
    }
}
