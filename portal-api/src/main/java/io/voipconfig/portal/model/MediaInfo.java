package io.voipconfig.portal.model;

import java.time.OffsetDateTime;

/** A media file without its bytes: what lists and events need. */
public record MediaInfo(
        String name,
        String kind,
        String contentType,
        long size,
        String sha256,
        long version,
        OffsetDateTime updatedAt) {

    public static MediaInfo of(Media m) {
        return new MediaInfo(m.name, m.kind, m.contentType, m.size, m.sha256, m.version, m.updatedAt);
    }
}
